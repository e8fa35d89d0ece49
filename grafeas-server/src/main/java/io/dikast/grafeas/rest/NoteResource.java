package io.dikast.grafeas.rest;

import io.dikast.grafeas.api.NoteService;
import io.dikast.grafeas.api.OccurrenceService;
import io.dikast.grafeas.api.ResourceNames;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.DeleteNoteRequest;
import io.grafeas.v1.GetNoteRequest;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListNotesRequest;
import io.grafeas.v1.Note;
import io.grafeas.v1.UpdateNoteRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The note bindings of the v1 protos' {@code google.api.http} annotations. */
@Path("/v1/projects/{project}/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class NoteResource {

  private final NoteService notes;
  private final OccurrenceService occurrences;

  public NoteResource(NoteService notes, OccurrenceService occurrences) {
    this.notes = notes;
    this.occurrences = occurrences;
  }

  @GET
  @Path("{note}")
  public String get(@PathParam("project") String project, @PathParam("note") String note) {
    return ProtoJson.print(
        notes.getNote(GetNoteRequest.newBuilder().setName(name(project, note)).build()));
  }

  @GET
  public String list(
      @PathParam("project") String project,
      @QueryParam("filter") String filter,
      @QueryParam("pageSize") String pageSize,
      @QueryParam("pageToken") String pageToken) {
    return ProtoJson.print(
        notes.listNotes(
            ListNotesRequest.newBuilder()
                .setParent("projects/" + project)
                .setFilter(QueryParams.orEmpty(filter))
                .setPageSize(QueryParams.pageSize(pageSize))
                .setPageToken(QueryParams.orEmpty(pageToken))
                .build()));
  }

  @POST
  public String create(
      @PathParam("project") String project, @QueryParam("noteId") String noteId, String body) {
    Note note = ProtoJson.parse(body, Note.newBuilder(), "note").build();
    return ProtoJson.print(
        notes.createNote(
            CreateNoteRequest.newBuilder()
                .setParent("projects/" + project)
                .setNoteId(QueryParams.orEmpty(noteId))
                .setNote(note)
                .build()));
  }

  @PATCH
  @Path("{note}")
  public String update(
      @PathParam("project") String project,
      @PathParam("note") String note,
      @QueryParam("updateMask") String updateMask,
      String body) {
    Note patch = ProtoJson.parse(body, Note.newBuilder(), "note").build();
    return ProtoJson.print(
        notes.updateNote(
            UpdateNoteRequest.newBuilder()
                .setName(name(project, note))
                .setNote(patch)
                .setUpdateMask(QueryParams.updateMask(updateMask))
                .build()));
  }

  @DELETE
  @Path("{note}")
  public String delete(@PathParam("project") String project, @PathParam("note") String note) {
    notes.deleteNote(DeleteNoteRequest.newBuilder().setName(name(project, note)).build());
    return "{}";
  }

  @GET
  @Path("{note}/occurrences")
  public String listOccurrences(
      @PathParam("project") String project,
      @PathParam("note") String note,
      @QueryParam("filter") String filter,
      @QueryParam("pageSize") String pageSize,
      @QueryParam("pageToken") String pageToken) {
    return ProtoJson.print(
        occurrences.listNoteOccurrences(
            ListNoteOccurrencesRequest.newBuilder()
                .setName(name(project, note))
                .setFilter(QueryParams.orEmpty(filter))
                .setPageSize(QueryParams.pageSize(pageSize))
                .setPageToken(QueryParams.orEmpty(pageToken))
                .build()));
  }

  private static String name(String project, String note) {
    return ResourceNames.note("projects/" + project, note);
  }
}
