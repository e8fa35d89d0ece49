package io.dikast.operator.autoattest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Auto-attestation; each ImageSecurityPolicy opts in with privateKeySecretName. */
@ConfigMapping(prefix = "dikast.auto-attestation")
public interface AutoAttestConfig {

  /** How long a digest judged for a policy is not judged again (once per digest). */
  @WithDefault("1h")
  Duration rememberFor();

  /** The time one digest's vulnerability read, attestation check and upload may take. */
  @WithDefault("30s")
  Duration budget();

  /** Digests waiting to be judged; more are dropped and offered again at their next admission. */
  @WithDefault("256")
  int queue();
}
