package io.dikast.operator.validation;

import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.operator.ha.Leadership;
import io.dikast.operator.metrics.ValidationMetrics;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.reconciler.PolicyObjects;
import io.dikast.operator.reconciler.WarningEvents;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs continuous validation on the leader: when the interval has passed since the last run, or
 * when a policy carries the trigger annotation; and answers what-if requests ({@link WhatIfRun}).
 * One run at a time, on its own thread, so a slow Grafeas never holds admission's pools longer than
 * one pod's budget.
 */
@ApplicationScoped
public class ContinuousValidation {

  private static final Logger LOG = Logger.getLogger(ContinuousValidation.class);

  private final ValidationConfig config;
  private final ValidationSchedule schedule;
  private final Leadership leadership;
  private final PolicySetView view;
  private final KubernetesClient client;
  private final ValidationRun run;
  private final WhatIfRun whatIf;
  private final Clock clock = Clock.systemUTC();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "dikast-validation");
            thread.setDaemon(true);
            return thread;
          });

  public ContinuousValidation(
      ValidationConfig config,
      ValidationSchedule schedule,
      Leadership leadership,
      PolicySetView view,
      KubernetesClient client,
      FactResolver facts,
      VulnerabilityResolver vulnerabilities,
      WarningEvents events,
      ValidationMetrics metrics,
      WhatIfEvaluator whatIfs) {
    this.config = config;
    this.schedule = schedule;
    this.leadership = leadership;
    this.view = view;
    this.client = client;
    PodEvaluator evaluator =
        new PodEvaluator(facts, vulnerabilities, Pacer.realTime(config.grafeasRequestsPerSecond()));
    this.run =
        new ValidationRun(client, view, evaluator, events, metrics, config.podBudget(), clock);
    this.whatIf = new WhatIfRun(client, view, whatIfs);
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled()) {
      LOG.info("Continuous validation is disabled");
      return;
    }
    // The first scheduled run comes one interval after start: a rolling update or a new leader must
    // not re-validate the whole cluster each time; the annotation asks for a run at once.
    schedule.ran(clock.instant());
    long poll = config.pollInterval().toMillis();
    executor.scheduleWithFixedDelay(this::tick, poll, poll, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    if (!leadership.reconcilesHere() || !view.isLoaded()) {
      return;
    }
    try {
      List<CustomResource<?, ? extends PolicyStatus>> policies = PolicyObjects.list(client);
      if (schedule.due(clock.instant()) || ValidationRun.triggered(policies)) {
        RunFindings findings = run.run();
        schedule.ran(clock.instant());
        LOG.infof(
            "Continuous validation finished: %d policies with violations%s",
            findings.violatingPolicyCount(), findings.hadOutage() ? ", Grafeas unavailable" : "");
      }
      whatIf.answer(policies);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.errorf(e, "continuous validation run failed; the next poll retries");
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
