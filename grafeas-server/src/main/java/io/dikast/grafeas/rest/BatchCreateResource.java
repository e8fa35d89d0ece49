package io.dikast.grafeas.rest;

import io.dikast.grafeas.api.NoteService;
import io.dikast.grafeas.api.OccurrenceService;
import io.grafeas.v1.BatchCreateNotesRequest;
import io.grafeas.v1.BatchCreateOccurrencesRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The {@code :batchCreate} custom methods, whose body is the whole request. */
@Path("/v1/projects/{project}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class BatchCreateResource {

  private final NoteService notes;
  private final OccurrenceService occurrences;

  public BatchCreateResource(NoteService notes, OccurrenceService occurrences) {
    this.notes = notes;
    this.occurrences = occurrences;
  }

  @POST
  @Path("notes:batchCreate")
  public String notes(@PathParam("project") String project, String body) {
    BatchCreateNotesRequest request =
        ProtoJson.parse(body, BatchCreateNotesRequest.newBuilder(), "batch create notes request")
            .setParent("projects/" + project)
            .build();
    return ProtoJson.print(notes.batchCreateNotes(request));
  }

  @POST
  @Path("occurrences:batchCreate")
  public String occurrences(@PathParam("project") String project, String body) {
    BatchCreateOccurrencesRequest request =
        ProtoJson.parse(
                body,
                BatchCreateOccurrencesRequest.newBuilder(),
                "batch create occurrences request")
            .setParent("projects/" + project)
            .build();
    return ProtoJson.print(occurrences.batchCreateOccurrences(request));
  }
}
