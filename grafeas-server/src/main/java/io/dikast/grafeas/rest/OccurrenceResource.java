package io.dikast.grafeas.rest;

import io.dikast.grafeas.api.OccurrenceService;
import io.dikast.grafeas.api.ResourceNames;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.DeleteOccurrenceRequest;
import io.grafeas.v1.GetOccurrenceNoteRequest;
import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.ListOccurrencesRequest;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.UpdateOccurrenceRequest;
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

/** The occurrence bindings of the v1 protos' {@code google.api.http} annotations. */
@Path("/v1/projects/{project}/occurrences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class OccurrenceResource {

  private final OccurrenceService occurrences;

  public OccurrenceResource(OccurrenceService occurrences) {
    this.occurrences = occurrences;
  }

  @GET
  @Path("{occurrence}")
  public String get(
      @PathParam("project") String project, @PathParam("occurrence") String occurrence) {
    return ProtoJson.print(
        occurrences.getOccurrence(
            GetOccurrenceRequest.newBuilder().setName(name(project, occurrence)).build()));
  }

  @GET
  public String list(
      @PathParam("project") String project,
      @QueryParam("filter") String filter,
      @QueryParam("pageSize") String pageSize,
      @QueryParam("pageToken") String pageToken) {
    return ProtoJson.print(
        occurrences.listOccurrences(
            ListOccurrencesRequest.newBuilder()
                .setParent("projects/" + project)
                .setFilter(QueryParams.orEmpty(filter))
                .setPageSize(QueryParams.pageSize(pageSize))
                .setPageToken(QueryParams.orEmpty(pageToken))
                .build()));
  }

  @POST
  public String create(@PathParam("project") String project, String body) {
    Occurrence occurrence = ProtoJson.parse(body, Occurrence.newBuilder(), "occurrence").build();
    return ProtoJson.print(
        occurrences.createOccurrence(
            CreateOccurrenceRequest.newBuilder()
                .setParent("projects/" + project)
                .setOccurrence(occurrence)
                .build()));
  }

  @PATCH
  @Path("{occurrence}")
  public String update(
      @PathParam("project") String project,
      @PathParam("occurrence") String occurrence,
      @QueryParam("updateMask") String updateMask,
      String body) {
    Occurrence patch = ProtoJson.parse(body, Occurrence.newBuilder(), "occurrence").build();
    return ProtoJson.print(
        occurrences.updateOccurrence(
            UpdateOccurrenceRequest.newBuilder()
                .setName(name(project, occurrence))
                .setOccurrence(patch)
                .setUpdateMask(QueryParams.updateMask(updateMask))
                .build()));
  }

  @DELETE
  @Path("{occurrence}")
  public String delete(
      @PathParam("project") String project, @PathParam("occurrence") String occurrence) {
    occurrences.deleteOccurrence(
        DeleteOccurrenceRequest.newBuilder().setName(name(project, occurrence)).build());
    return "{}";
  }

  @GET
  @Path("{occurrence}/notes")
  public String note(
      @PathParam("project") String project, @PathParam("occurrence") String occurrence) {
    return ProtoJson.print(
        occurrences.getOccurrenceNote(
            GetOccurrenceNoteRequest.newBuilder().setName(name(project, occurrence)).build()));
  }

  private static String name(String project, String occurrence) {
    return ResourceNames.occurrence("projects/" + project, occurrence);
  }
}
