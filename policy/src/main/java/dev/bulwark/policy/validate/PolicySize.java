package dev.bulwark.policy.validate;

/** How IAM measures a policy against its size quotas: characters, not counting whitespace. */
final class PolicySize
{
    private PolicySize() {}

    static int charactersWithoutWhitespace(String text)
    {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
