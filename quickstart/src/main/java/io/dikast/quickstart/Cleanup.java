package io.dikast.quickstart;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything the quickstart started or wrote, undone once in reverse order: on success, on failure,
 * or from the shutdown hook when the user presses Ctrl-C.
 */
final class Cleanup implements AutoCloseable {

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  Cleanup() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "dikast-quickstart-cleanup"));
  }

  synchronized <T extends AutoCloseable> T add(T resource) {
    if (closed.get()) {
      closeQuietly(resource);
      throw new StoryFailure("stopping");
    }
    resources.push(resource);
    return resource;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      while (!resources.isEmpty()) {
        closeQuietly(resources.pop());
      }
    }
  }

  // One resource failing to close must not leave the others running.
  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("quickstart: could not clean up: " + e);
    }
  }
}
