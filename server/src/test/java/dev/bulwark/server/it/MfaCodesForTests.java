package dev.bulwark.server.it;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.bulwark.server.services.iam.mfa.Base32;
import dev.bulwark.server.services.iam.mfa.Totp;
import software.amazon.awssdk.core.SdkBytes;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Clock;

/** What an authenticator app does with CreateVirtualMFADevice's answer: read the QR code, compute codes. */
final class MfaCodesForTests
{
    private MfaCodesForTests() {}

    /** The code of the step {@code stepOffset} steps from the step the clock is in now. */
    static String code(SdkBytes seed, Clock clock, int stepOffset)
    {
        return Totp.iam(Base32.decode(seed.asUtf8String())).code(Totp.step(clock.instant()) + stepOffset);
    }

    /** Decodes a PNG QR code back to its text, with ZXing's reader. */
    static String decodeQr(byte[] png) throws Exception
    {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }
}
