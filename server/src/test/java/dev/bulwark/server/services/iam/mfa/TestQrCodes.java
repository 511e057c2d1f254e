package dev.bulwark.server.services.iam.mfa;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every QR code decodes back to its text, as a scanner reading the image would. */
final class TestQrCodes
{
    @Test
    void otpauthUrisOfRandomSeedsDecodeBack() throws Exception
    {
        SecureRandom random = new SecureRandom();
        int failures = 0;
        StringBuilder failed = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            byte[] seed = new byte[40];
            random.nextBytes(seed);
            String uri = "otpauth://totp/Amazon%20Web%20Services:device-" + i + "@123456789012?secret=" + Base32.encodeUnpadded(seed)
                    + "&issuer=Amazon%20Web%20Services";
            try {
                assertThat(decode(QrCodes.png(uri))).isEqualTo(uri);
            }
            catch (ReaderException e) {
                failures++;
                failed.append(e).append(' ');
            }
        }
        assertThat(failures).as(failed.toString()).isZero();
    }

    static String decode(byte[] png) throws Exception
    {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
                Map.of()).getText();
    }
}
