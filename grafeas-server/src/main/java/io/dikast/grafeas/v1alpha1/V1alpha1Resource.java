package io.dikast.grafeas.v1alpha1;

import io.dikast.grafeas.api.NoteService;
import io.dikast.grafeas.api.OccurrenceService;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The two v1alpha1 requests of the article, stored as v1 notes and occurrences. */
@Path("/v1alpha1/projects/{project}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class V1alpha1Resource {

  private final NoteService notes;
  private final OccurrenceService occurrences;

  public V1alpha1Resource(NoteService notes, OccurrenceService occurrences) {
    this.notes = notes;
    this.occurrences = occurrences;
  }

  @POST
  @Path("notes")
  public String createNote(
      @PathParam("project") String project, @QueryParam("noteId") String noteId, String body) {
    V1alpha1Note note = V1alpha1Json.read(body, V1alpha1Note.class, "note");
    CreateNoteRequest request =
        CreateNoteRequest.newBuilder()
            .setParent("projects/" + project)
            .setNoteId(noteId == null ? "" : noteId)
            .setNote(V1alpha1Translator.toV1(note))
            .build();
    return V1alpha1Json.write(V1alpha1Translator.toV1alpha1(notes.createNote(request)));
  }

  @POST
  @Path("occurrences")
  public String createOccurrence(@PathParam("project") String project, String body) {
    V1alpha1Occurrence occurrence = V1alpha1Json.read(body, V1alpha1Occurrence.class, "occurrence");
    CreateOccurrenceRequest request =
        CreateOccurrenceRequest.newBuilder()
            .setParent("projects/" + project)
            .setOccurrence(V1alpha1Translator.toV1(occurrence))
            .build();
    String contentType = occurrence.attestation().pgpSignedAttestation().contentType();
    return V1alpha1Json.write(
        V1alpha1Translator.toV1alpha1(occurrences.createOccurrence(request), contentType));
  }
}
