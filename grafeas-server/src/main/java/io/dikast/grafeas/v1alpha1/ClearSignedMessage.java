package io.dikast.grafeas.v1alpha1;

import io.dikast.grafeas.api.ApiErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenPGP clear-signed message (RFC 9580, section 7) and its cleartext.
 *
 * <p>The article uploads it with {@code curl -d @occurrence.json}, which strips every CR and LF
 * from the file; such a message is rebuilt from the structure gpg writes (a {@code Hash} header,
 * one line of cleartext, base64 lines of 64 characters and a {@code =XXXX} checksum), so its
 * signature still verifies. A cleartext of several lines cannot be recovered once its line breaks
 * are gone.
 *
 * @param text the whole clear-signed message
 * @param cleartext the signed text: dash-unescaped, without the line ending before the signature
 */
public record ClearSignedMessage(String text, String cleartext) {

  static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
  static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
  static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

  private static final String HASH =
      "(?:SHA3-256|SHA3-512|SHA224|SHA256|SHA384|SHA512|SHA1|RIPEMD160|MD5)";
  private static final Pattern HASH_HEADER =
      Pattern.compile("^Hash: (" + HASH + "(?:, ?" + HASH + ")*)");
  private static final int ARMOR_LINE_LENGTH = 64;
  private static final String FIELD = "attestation.pgpSignedAttestation.signature";

  public static ClearSignedMessage parse(String signature) {
    if (signature == null || !signature.startsWith(BEGIN_MESSAGE)) {
      throw ApiErrors.invalidArgument(FIELD + " must be an OpenPGP clear-signed message");
    }
    if (signature.indexOf('\n') >= 0) {
      return new ClearSignedMessage(signature, cleartextOf(signature));
    }
    return rebuild(signature);
  }

  private static String cleartextOf(String text) {
    String[] lines = text.split("\r?\n", -1);
    int line = 1;
    while (line < lines.length && !lines[line].isEmpty()) {
      line++;
    }
    List<String> cleartext = new ArrayList<>();
    for (line++; line < lines.length; line++) {
      if (lines[line].equals(BEGIN_SIGNATURE)) {
        return String.join("\n", cleartext);
      }
      cleartext.add(dashUnescaped(lines[line]));
    }
    throw ApiErrors.invalidArgument(FIELD + " has no " + BEGIN_SIGNATURE + " line");
  }

  private static ClearSignedMessage rebuild(String stripped) {
    String rest = stripped.substring(BEGIN_MESSAGE.length());
    Matcher hash = HASH_HEADER.matcher(rest);
    String header = hash.find() ? hash.group() : "";
    int signatureStart = rest.indexOf(BEGIN_SIGNATURE);
    int signatureEnd = rest.indexOf(END_SIGNATURE);
    if (signatureStart < header.length() || signatureEnd < signatureStart) {
      throw ApiErrors.invalidArgument(
          FIELD + " has no " + BEGIN_SIGNATURE + " ... " + END_SIGNATURE + " block");
    }
    String escapedCleartext = rest.substring(header.length(), signatureStart);
    String armor = rest.substring(signatureStart + BEGIN_SIGNATURE.length(), signatureEnd).strip();
    StringBuilder text = new StringBuilder(BEGIN_MESSAGE).append('\n');
    if (!header.isEmpty()) {
      text.append(header).append('\n');
    }
    text.append('\n').append(escapedCleartext).append('\n');
    text.append(BEGIN_SIGNATURE).append("\n\n").append(armorLines(armor)).append(END_SIGNATURE);
    return new ClearSignedMessage(text.toString(), dashUnescaped(escapedCleartext));
  }

  /** Base64 lines of gpg's width, then the CRC-24 checksum line when there is one. */
  private static String armorLines(String armor) {
    if (armor.indexOf(':') >= 0) {
      throw ApiErrors.invalidArgument(
          FIELD + " has armor headers, which cannot be recovered without line breaks");
    }
    int length = armor.length();
    boolean checksum =
        length > 5 && armor.charAt(length - 5) == '=' && armor.charAt(length - 1) != '=';
    String data = checksum ? armor.substring(0, length - 5) : armor;
    StringBuilder lines = new StringBuilder();
    for (int start = 0; start < data.length(); start += ARMOR_LINE_LENGTH) {
      lines.append(data, start, Math.min(data.length(), start + ARMOR_LINE_LENGTH)).append('\n');
    }
    if (checksum) {
      lines.append(armor, length - 5, length).append('\n');
    }
    return lines.toString();
  }

  private static String dashUnescaped(String line) {
    return line.startsWith("- ") ? line.substring(2) : line;
  }
}
