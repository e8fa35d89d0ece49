package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Kritis' Grafeas connection settings of a KritisConfig. */
public class GrafeasConnection {

  @JsonPropertyDescription("Kritis: the Grafeas server address, e.g. grafeas-server:443.")
  private String addr;

  @JsonPropertyDescription("Kritis: path of the CA certificate that signed the server's.")
  private String caPath;

  @JsonPropertyDescription("Kritis: path of the client's private key.")
  private String clientKeyPath;

  @JsonPropertyDescription("Kritis: path of the client's certificate.")
  private String clientCertPath;

  public String getAddr() {
    return addr;
  }

  public void setAddr(String addr) {
    this.addr = addr;
  }

  public String getCaPath() {
    return caPath;
  }

  public void setCaPath(String caPath) {
    this.caPath = caPath;
  }

  public String getClientKeyPath() {
    return clientKeyPath;
  }

  public void setClientKeyPath(String clientKeyPath) {
    this.clientKeyPath = clientKeyPath;
  }

  public String getClientCertPath() {
    return clientCertPath;
  }

  public void setClientCertPath(String clientCertPath) {
    this.clientCertPath = clientCertPath;
  }
}
