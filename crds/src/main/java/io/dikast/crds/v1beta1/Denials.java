package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** How often a policy denied admission, and the last time it did. */
public class Denials {

  @JsonPropertyDescription("Denials since the operator started.")
  private long count;

  @JsonPropertyDescription("When the last denial happened (RFC 3339).")
  private String lastTime;

  @JsonPropertyDescription("The last denial's message.")
  private String lastMessage;

  public long getCount() {
    return count;
  }

  public void setCount(long count) {
    this.count = count;
  }

  public String getLastTime() {
    return lastTime;
  }

  public void setLastTime(String lastTime) {
    this.lastTime = lastTime;
  }

  public String getLastMessage() {
    return lastMessage;
  }

  public void setLastMessage(String lastMessage) {
    this.lastMessage = lastMessage;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Denials other
        && count == other.count
        && Objects.equals(lastTime, other.lastTime)
        && Objects.equals(lastMessage, other.lastMessage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, lastTime, lastMessage);
  }
}
