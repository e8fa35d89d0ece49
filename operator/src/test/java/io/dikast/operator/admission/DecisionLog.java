package io.dikast.operator.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The admission service's decision log lines, as JBoss Logging hands them to the log manager. */
final class DecisionLog extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger(AdmissionService.class.getName());
  private final List<LogRecord> records = new ArrayList<>();

  private DecisionLog() {}

  static DecisionLog capture() {
    DecisionLog log = new DecisionLog();
    log.logger.addHandler(log);
    return log;
  }

  synchronized List<LogRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
