package dev.bulwark.server.services.iam.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * QR codes as PNG images: what CreateVirtualMFADevice returns as {@code QRCodePNG} for authenticator apps to scan.
 *
 * <p>Every symbol ZXing encodes is valid, but a camera-style detector (finding the three finder patterns in the
 * picture rather than being told where the symbol is) misreads about one in a hundred of these long otpauth URIs
 * when data modules happen to resemble a finder pattern. So the image is read back the way a scanner would, and if
 * that fails the symbol is drawn again with another of the eight mask patterns, which moves those modules.
 */
public final class QrCodes
{
    /** Pixels per QR module. */
    private static final int MODULE_PIXELS = 6;
    /** The quiet zone the QR specification requires around the symbol, in modules. */
    private static final int QUIET_ZONE_MODULES = 4;
    /** The masks a QR symbol may use (ISO/IEC 18004 section 7.8.2). */
    private static final int MASK_PATTERNS = 8;

    private QrCodes() {}

    /** A black-on-white PNG of {@code text}, with error correction level M, that a scanner reads back as {@code text}. */
    public static byte[] png(String text)
    {
        BufferedImage image = image(text, null);
        for (int mask = 0; mask < MASK_PATTERNS && !readsBack(image, text); mask++) {
            image = image(text, mask);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The symbol drawn with the encoder's own mask choice (null) or the given one. */
    private static BufferedImage image(String text, Integer mask)
    {
        Map<EncodeHintType, Object> hints = new HashMap<>();
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        hints.put(EncodeHintType.MARGIN, 0);
        if (mask != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        BitMatrix matrix;
        try {
            // Size 0: the smallest symbol; scaling is done here so every module is a whole number of pixels.
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        }
        catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", e);
        }
        int modules = matrix.getWidth();
        int size = (modules + 2 * QUIET_ZONE_MODULES) * MODULE_PIXELS;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int moduleX = x / MODULE_PIXELS - QUIET_ZONE_MODULES;
                int moduleY = y / MODULE_PIXELS - QUIET_ZONE_MODULES;
                boolean dark = moduleX >= 0 && moduleY >= 0 && moduleX < modules && moduleY < matrix.getHeight() && matrix.get(moduleX, moduleY);
                image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return image;
    }

    /** Whether a camera-style QR reader (no hint where the symbol is) reads the image back as {@code text}. */
    static boolean readsBack(BufferedImage image, String text)
    {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
                    Map.of(DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name())).getText().equals(text);
        }
        catch (ReaderException e) {
            return false;
        }
    }
}
