package dev.bulwark.protocol.model;

/** The AWS wire protocols, as named in the AWS service models' {@code metadata.protocol}. */
public enum Protocol
{
    AWS_QUERY,
    EC2_QUERY,
    AWS_JSON_1_0,
    AWS_JSON_1_1,
    REST_JSON_1,
    REST_XML;

    /** Maps a botocore protocol name ({@code query}, {@code json} + jsonVersion, ...) to the enum. */
    public static Protocol fromModel(String protocol, String jsonVersion)
    {
        return switch (protocol) {
            case "query" -> AWS_QUERY;
            case "ec2" -> EC2_QUERY;
            case "json" -> "1.0".equals(jsonVersion) ? AWS_JSON_1_0 : AWS_JSON_1_1;
            case "rest-json" -> REST_JSON_1;
            case "rest-xml" -> REST_XML;
            default -> throw new IllegalArgumentException("Unknown AWS protocol: " + protocol);
        };
    }

    public boolean isJson()
    {
        return this == AWS_JSON_1_0 || this == AWS_JSON_1_1;
    }

    public boolean isRest()
    {
        return this == REST_JSON_1 || this == REST_XML;
    }

    public boolean isQuery()
    {
        return this == AWS_QUERY || this == EC2_QUERY;
    }
}
