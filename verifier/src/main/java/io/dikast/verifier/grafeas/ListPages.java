package io.dikast.verifier.grafeas;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every page of one list call, each asked when the one before it answered, without a thread waiting
 * in between; and the blocking wait for such an answer that the CLI's one-at-a-time checks use.
 */
final class ListPages {

  private ListPages() {}

  /**
   * Asks {@code page} for the first page and every next one {@code nextToken} names, handing each
   * to {@code take} in order; fails as the first failing page does, or when {@code tokens} refuses
   * to go on.
   */
  static <P> CompletableFuture<Void> readAll(
      PageTokens tokens,
      Function<String, CompletableFuture<P>> page,
      Function<P, String> nextToken,
      Consumer<P> take) {
    return from("", tokens, page, nextToken, take);
  }

  private static <P> CompletableFuture<Void> from(
      String token,
      PageTokens tokens,
      Function<String, CompletableFuture<P>> page,
      Function<P, String> nextToken,
      Consumer<P> take) {
    return page.apply(token)
        .thenCompose(
            answer -> {
              take.accept(answer);
              String next = nextToken.apply(answer);
              return more(tokens, next)
                  ? from(next, tokens, page, nextToken, take)
                  : CompletableFuture.completedFuture(null);
            });
  }

  private static boolean more(PageTokens tokens, String next) {
    try {
      return tokens.more(next);
    } catch (BackendUnavailableException e) {
      throw new CompletionException(e);
    }
  }

  /**
   * The answer of {@code pending}, waited for; its failure rethrown as the checked exception it
   * stands for.
   */
  static <T> T await(CompletableFuture<T> pending)
      throws BackendUnavailableException, NoteNotFoundException {
    try {
      return pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendUnavailableException("interrupted while waiting for Grafeas", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BackendUnavailableException unavailable) {
        throw unavailable;
      }
      if (cause instanceof NoteNotFoundException notFound) {
        throw notFound;
      }
      if (cause instanceof RuntimeException unexpected) {
        throw unexpected;
      }
      throw new IllegalStateException(cause);
    }
  }
}
