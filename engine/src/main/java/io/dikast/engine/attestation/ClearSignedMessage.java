package io.dikast.engine.attestation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.HashAlgorithmTags;

/**
 * An OpenPGP cleartext-signed message (RFC 4880 §7), read strictly: nothing but whitespace may
 * surround it and its only armor headers are {@code Hash:} lines naming strong hashes, so text that
 * was never signed cannot ride along with text that was.
 */
final class ClearSignedMessage {

  static final String BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----";
  private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
  private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";
  private static final Pattern HASH_HEADER =
      Pattern.compile("Hash: ([A-Z0-9-]+(?:, ?[A-Z0-9-]+)*)");
  private static final Map<String, Integer> HASHES =
      Map.of(
          "SHA224", HashAlgorithmTags.SHA224,
          "SHA256", HashAlgorithmTags.SHA256,
          "SHA384", HashAlgorithmTags.SHA384,
          "SHA512", HashAlgorithmTags.SHA512,
          "SHA3-256", HashAlgorithmTags.SHA3_256,
          "SHA3-512", HashAlgorithmTags.SHA3_512);

  private final List<String> lines;
  private final Set<Integer> declaredHashes;
  private final String armoredSignature;

  private ClearSignedMessage(List<String> lines, Set<Integer> declaredHashes, String signature) {
    this.lines = lines;
    this.declaredHashes = declaredHashes;
    this.armoredSignature = signature;
  }

  static boolean looksClearSigned(String text) {
    return text.contains(BEGIN);
  }

  static ClearSignedMessage parse(String text) throws Rejection {
    List<String> all = List.of(text.strip().split("\r?\n", -1));
    if (!all.get(0).equals(BEGIN)) {
      throw new Rejection("clear-signed message has unsigned text before it");
    }
    int index = 1;
    List<Integer> hashes = new ArrayList<>();
    for (; index < all.size() && !all.get(index).isEmpty(); index++) {
      hashes.addAll(hashesOf(all.get(index)));
    }
    List<String> body = new ArrayList<>();
    for (index++; index < all.size() && !all.get(index).equals(BEGIN_SIGNATURE); index++) {
      body.add(unescape(all.get(index)));
    }
    if (index >= all.size()) {
      throw new Rejection("clear-signed message has no signature block");
    }
    int end = all.indexOf(END_SIGNATURE);
    if (end < index) {
      throw new Rejection("clear-signed message has an unterminated signature block");
    }
    if (end != all.size() - 1) {
      throw new Rejection("clear-signed message has unsigned text after it");
    }
    String signature = String.join("\n", all.subList(index, end + 1)) + "\n";
    return new ClearSignedMessage(body, Set.copyOf(hashes), signature);
  }

  /** The text as signed: dash-escaping undone, trailing whitespace of each line removed. */
  String text(String lineSeparator) {
    return String.join(
        lineSeparator, lines.stream().map(l -> l.replaceAll("[ \t]+$", "")).toList());
  }

  String armoredSignature() {
    return armoredSignature;
  }

  /** RFC 4880 allows a missing Hash header; when present it must name the hash actually used. */
  boolean declares(int hashAlgorithm) {
    return declaredHashes.isEmpty() || declaredHashes.contains(hashAlgorithm);
  }

  private static List<Integer> hashesOf(String header) throws Rejection {
    Matcher matcher = HASH_HEADER.matcher(header);
    if (!matcher.matches()) {
      throw new Rejection("clear-signed message has a header other than Hash");
    }
    List<Integer> hashes = new ArrayList<>();
    for (String name : matcher.group(1).split(", ?")) {
      Integer hash = HASHES.get(name);
      if (hash == null) {
        throw new Rejection("clear-signed message declares unsupported hash " + name);
      }
      hashes.add(hash);
    }
    return hashes;
  }

  private static String unescape(String line) throws Rejection {
    if (line.startsWith("- ")) {
      return line.substring(2);
    }
    if (line.startsWith("-")) {
      throw new Rejection("clear-signed message has a line that is not dash-escaped");
    }
    return line;
  }
}
