package io.dikast.quickstart;

/**
 * {@code java -jar quickstart/target/dikast-quickstart.jar}: plays the story and exits 0 when every
 * step ended as the story says, 1 otherwise.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    int status;
    Transcript transcript = new Transcript(System.out);
    try (Cleanup cleanup = new Cleanup()) {
      Workspace workspace = cleanup.add(Workspace.create());
      new Quickstart(transcript, cleanup, workspace, Jars.besideThisJar()).play();
      cleanup.close();
      transcript.end(
          "Every step ended as the story says. The Grafeas server and the operator are stopped and "
              + workspace.root()
              + " is removed.");
      status = 0;
    } catch (StoryFailure e) {
      System.out.flush();
      System.err.println();
      System.err.println("quickstart failed: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }
}
