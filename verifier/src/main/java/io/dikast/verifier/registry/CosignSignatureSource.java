package io.dikast.verifier.registry;

import io.dikast.engine.attestation.CosignSignature;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.grpc.Deadline;
import java.util.List;

/**
 * Where cosign's keyed signatures of an image are read from: the layers of the signature manifest
 * at tag {@code sha256-<hex>.sig}. A bean so tests and benchmarks can swap it.
 */
public interface CosignSignatureSource {

  /**
   * The layers of the signature manifest of {@code lookup.image()}, each with its payload blob read
   * and checked against the layer's digest, before {@code deadline} expires.
   *
   * @return empty when the registry has no such tag: the image is not signed there
   * @throws UnreadableSignaturesException when the registry answered with a manifest or layer that
   *     is not cosign's simple-signing layout: an answer, so the image is not verified
   * @throws BackendUnavailableException when the registry could not be asked or refused to answer
   *     (unreachable, credentials refused, TLS untrusted, deadline passed); the message names the
   *     registry
   */
  List<CosignSignature> signatures(CosignLookup lookup, Deadline deadline)
      throws UnreadableSignaturesException, BackendUnavailableException;
}
