package io.dikast.quickstart;

import java.util.List;

/** What the webhook answered: allowed or not, the denial message, the warnings. */
record AdmissionAnswer(boolean allowed, String message, List<String> warnings) {

  AdmissionAnswer {
    warnings = List.copyOf(warnings);
  }
}
