package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.KritisConfig;
import io.dikast.crds.v1beta1.KritisConfigSpec;
import io.dikast.crds.v1beta1.KritisConfigStatus;
import io.dikast.engine.duration.GoDuration;
import io.dikast.operator.policyset.WithoutManagedFields;
import io.dikast.operator.validation.ValidationSchedule;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Kritis' cluster-wide KritisConfig: the oldest one (by name within the same second) is in effect
 * and sets the continuous-validation interval; any other is not Ready. Its Grafeas and server
 * settings are reported as superseded by the operator's own configuration. Re-reconciled every
 * minute, so a survivor takes over when the one in effect is deleted.
 */
@ControllerConfiguration(
    name = KritisConfigReconciler.NAME,
    informer = @Informer(itemStore = WithoutManagedFields.class),
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 1, timeUnit = TimeUnit.MINUTES))
// Standalone mode has no API server: without reconcilers the Operator SDK never starts.
@LookupUnlessProperty(name = "dikast.standalone.enabled", stringValue = "true")
public class KritisConfigReconciler implements Reconciler<KritisConfig> {

  static final String NAME = "kritisconfig";
  static final String IN_EFFECT = "InEffect";
  static final String DUPLICATE = "DuplicateKritisConfig";
  private static final Comparator<KritisConfig> OLDEST_FIRST =
      Comparator.comparing(
              (KritisConfig c) -> String.valueOf(c.getMetadata().getCreationTimestamp()))
          .thenComparing(c -> c.getMetadata().getName());

  private final ValidationSchedule schedule;

  KritisConfigReconciler(ValidationSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public UpdateControl<KritisConfig> reconcile(KritisConfig config, Context<KritisConfig> context) {
    KritisConfig inEffect = context.getPrimaryCache().list().min(OLDEST_FIRST).orElse(config);
    return StatusPatches.patchIfChanged(config, status(config, inEffect));
  }

  private KritisConfigStatus status(KritisConfig config, KritisConfig inEffect) {
    boolean effective = inEffect.getMetadata().getName().equals(config.getMetadata().getName());
    String message;
    if (effective) {
      schedule.override(interval(config.getSpec()));
      message = "continuous validation runs every " + GoDuration.format(schedule.interval());
    } else {
      message =
          "KritisConfig "
              + inEffect.getMetadata().getName()
              + " is in effect; a cluster has one KritisConfig and this one is ignored";
    }
    Long generation = config.getMetadata().getGeneration();
    KritisConfigStatus status = new KritisConfigStatus();
    status.setObservedGeneration(generation);
    status.setSupersededFields(superseded(config.getSpec()));
    status.setValidationInterval(effective ? GoDuration.format(schedule.interval()) : null);
    status.setConditions(
        Conditions.set(
            config.getStatus() == null ? null : config.getStatus().getConditions(),
            Conditions.READY,
            effective,
            effective ? IN_EFFECT : DUPLICATE,
            message,
            generation,
            Instant.now()));
    return status;
  }

  private static Optional<Duration> interval(KritisConfigSpec spec) {
    String cron = spec == null ? null : spec.getCronInterval();
    return cron == null || cron.isBlank() ? Optional.empty() : Optional.of(GoDuration.parse(cron));
  }

  private static List<String> superseded(KritisConfigSpec spec) {
    List<String> fields = new ArrayList<>();
    if (spec == null) {
      return fields;
    }
    if (spec.getMetadataBackend() != null) {
      fields.add("metadataBackend");
    }
    if (spec.getServerAddr() != null) {
      fields.add("serverAddr");
    }
    if (spec.getGrafeas() != null && spec.getGrafeas().getAddr() != null) {
      fields.add("grafeas.addr");
    }
    return fields;
  }

  @Override
  public ErrorStatusUpdateControl<KritisConfig> updateErrorStatus(
      KritisConfig config, Context<KritisConfig> context, Exception e) {
    return StatusPatches.reconcileError(config, KritisConfigStatus::new, e);
  }
}
