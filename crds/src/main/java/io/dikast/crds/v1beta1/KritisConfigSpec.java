package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import java.util.ArrayList;
import java.util.List;

/** Kritis' KritisConfig fields, under their Kritis names. */
public class KritisConfigSpec {

  /** A Go duration as Kritis parsed it, e.g. 1h, 30m, 1h30m or 90s. */
  static final String DURATION = "^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$";

  @JsonPropertyDescription(
      "Kritis: the metadata backend (grafeas or containerAnalysis). Accepted; Dikast always reads"
          + " Grafeas as its own configuration says, and reports this field as superseded.")
  private String metadataBackend;

  @Pattern(DURATION)
  @JsonPropertyDescription(
      "Kritis: how often running pods are re-validated, as a Go duration such as 1h or 30m."
          + " Dikast uses it as the continuous-validation interval; absent means the operator's"
          + " default.")
  private String cronInterval;

  @JsonPropertyDescription(
      "Kritis: the webhook server's listen address, e.g. :443. Accepted; superseded by the"
          + " operator's configuration.")
  private String serverAddr;

  @JsonPropertyDescription(
      "Kritis: how to reach Grafeas. Accepted; superseded by the operator's configuration.")
  private GrafeasConnection grafeas;

  @JsonPropertyDescription(
      "Kritis: images admitted in every namespace without validation. Accepted; not applied by"
          + " Dikast, whose policies carry their own imageAllowlist.")
  private List<String> imageWhitelist = new ArrayList<>();

  public String getMetadataBackend() {
    return metadataBackend;
  }

  public void setMetadataBackend(String metadataBackend) {
    this.metadataBackend = metadataBackend;
  }

  public String getCronInterval() {
    return cronInterval;
  }

  public void setCronInterval(String cronInterval) {
    this.cronInterval = cronInterval;
  }

  public String getServerAddr() {
    return serverAddr;
  }

  public void setServerAddr(String serverAddr) {
    this.serverAddr = serverAddr;
  }

  public GrafeasConnection getGrafeas() {
    return grafeas;
  }

  public void setGrafeas(GrafeasConnection grafeas) {
    this.grafeas = grafeas;
  }

  public List<String> getImageWhitelist() {
    return imageWhitelist;
  }

  public void setImageWhitelist(List<String> imageWhitelist) {
    this.imageWhitelist = imageWhitelist == null ? new ArrayList<>() : imageWhitelist;
  }
}
