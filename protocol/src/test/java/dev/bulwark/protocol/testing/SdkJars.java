package dev.bulwark.protocol.testing;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** What an SDK service jar contains, read from the jar itself. */
public final class SdkJars
{
    private SdkJars() {}

    /** Concrete modeled exception classes in the client's model package (not the service's base exception). */
    public static List<Class<?>> modeledExceptionClasses(Class<?> client)
            throws IOException, URISyntaxException, ClassNotFoundException
    {
        String prefix = (client.getPackageName() + ".model.").replace('.', '/');
        List<Class<?>> out = new ArrayList<>();
        try (JarFile jar = new JarFile(client.getProtectionDomain().getCodeSource().getLocation().toURI().getPath())) {
            for (String entry : Collections.list(jar.entries()).stream().map(ZipEntry::getName).sorted().toList()) {
                if (entry.startsWith(prefix) && entry.endsWith("Exception.class") && entry.indexOf('$') < 0 && entry.indexOf('/', prefix.length()) < 0) {
                    Class<?> type = Class.forName(entry.replace('/', '.').replaceFirst("\\.class$", ""));
                    // The service's base exception (IamException) has no code of its own.
                    boolean base = type.getSuperclass() == AwsServiceException.class;
                    if (AwsServiceException.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers()) && !base) {
                        out.add(type);
                    }
                }
            }
        }
        return out;
    }
}
