package io.redframe.internal.connect;

import io.redframe.FrameStoreException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * Turns a PEM file of CA certificates into a PKCS12 trust store file (what Jedis' TLS options
 * take), kept in a private temporary file for the life of the JVM.
 */
final class TlsTrust {
  static final char[] PASSWORD = "redframe".toCharArray();

  private TlsTrust() {}

  static File pkcs12(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new FrameStoreException("No certificate in tlsCaFile " + pem);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      store.store(bytes, PASSWORD);
      Path file = Files.createTempFile("redframe-trust", ".p12");
      file.toFile().deleteOnExit();
      Files.write(file, bytes.toByteArray());
      return file.toFile();
    } catch (IOException | GeneralSecurityException e) {
      throw new FrameStoreException("Cannot read tlsCaFile " + pem + ": " + e.getMessage(), e);
    }
  }
}
