package dev.bulwark.server.services.iam.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** QR codes as PNG images: what CreateVirtualMFADevice returns as {@code QRCodePNG} for authenticator apps to scan. */
public final class QrCodes
{
    /** Pixels per QR module. */
    private static final int MODULE_PIXELS = 4;
    /** The quiet zone the QR specification requires around the symbol, in modules. */
    private static final int QUIET_ZONE_MODULES = 4;

    private QrCodes() {}

    /** A black-on-white PNG of {@code text}, with error correction level M. */
    public static byte[] png(String text)
    {
        BitMatrix matrix;
        try {
            // Size 0: the smallest symbol; scaling is done here so every module is a whole number of pixels.
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                    EncodeHintType.MARGIN, 0));
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
}
