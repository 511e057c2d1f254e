package dev.bulwark.policy.eval;

/**
 * An ARN cut into its six parts (arn, partition, service, region, account, resource) without copying: the
 * resource part keeps any further colons. Text that is not a six-part ARN keeps {@code starts == null}.
 */
final class SplitArn
{
    static final int PARTS = 6;

    final String text;
    final int[] starts;
    final int[] ends;

    private SplitArn(String text, int[] starts, int[] ends)
    {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
    }

    static SplitArn of(String text)
    {
        int[] starts = new int[PARTS];
        int[] ends = new int[PARTS];
        int position = 0;
        for (int part = 0; part < PARTS - 1; part++) {
            int colon = text.indexOf(':', position);
            if (colon < 0) {
                return new SplitArn(text, null, null);
            }
            starts[part] = position;
            ends[part] = colon;
            position = colon + 1;
        }
        starts[PARTS - 1] = position;
        ends[PARTS - 1] = text.length();
        return new SplitArn(text, starts, ends);
    }

    boolean isArn()
    {
        return starts != null;
    }
}
