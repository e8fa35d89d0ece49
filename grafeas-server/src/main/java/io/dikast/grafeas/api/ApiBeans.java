package io.dikast.grafeas.api;

import io.dikast.grafeas.store.GrafeasStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Makes the plain service classes CDI beans over whichever {@link GrafeasStore} is configured. */
public class ApiBeans {

  @Produces
  @Singleton
  NoteService noteService(GrafeasStore store) {
    return new NoteService(store, Clock.systemUTC());
  }

  @Produces
  @Singleton
  OccurrenceService occurrenceService(GrafeasStore store) {
    return new OccurrenceService(store, Clock.systemUTC());
  }
}
