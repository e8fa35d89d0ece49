package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The last time a workload bypassed a policy with the break-glass annotation. */
public class Breakglass {

  @JsonPropertyDescription("When the bypass happened (RFC 3339).")
  private String time;

  @JsonPropertyDescription("The workload admitted by break-glass: <kind>/<namespace>/<name>.")
  private String workload;

  @JsonPropertyDescription("The user whose request was admitted.")
  private String user;

  @JsonPropertyDescription("Break-glass bypasses since the operator started.")
  private long count;

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public String getWorkload() {
    return workload;
  }

  public void setWorkload(String workload) {
    this.workload = workload;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public long getCount() {
    return count;
  }

  public void setCount(long count) {
    this.count = count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Breakglass other
        && count == other.count
        && Objects.equals(time, other.time)
        && Objects.equals(workload, other.workload)
        && Objects.equals(user, other.user);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, workload, user, count);
  }
}
