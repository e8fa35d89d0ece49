package io.dikast.grafeas.store;

import static io.dikast.grafeas.store.Fixtures.attestation;
import static io.dikast.grafeas.store.Fixtures.attestationNote;
import static io.dikast.grafeas.store.Fixtures.imageUri;
import static io.dikast.grafeas.store.Fixtures.ofKind;
import static io.dikast.grafeas.store.Fixtures.vulnerability;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.agroal.api.AgroalDataSource;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link GrafeasStore} must do. A subclass supplies a pool on an empty database; each
 * call must reach the same database, so closing and reopening the store reads back what it wrote.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class GrafeasStoreContract {

  static final String QA = "projects/image-signing/notes/qa";
  static final String SCANNER = "projects/scanner/notes/cve-2024-0001";
  static final String PAYMENTS = "projects/payments";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05.123Z"));
  JdbcGrafeasStore store;

  /** A new pool on this test's database, which is empty when the test starts. */
  abstract AgroalDataSource dataSource();

  /** Empties the database before each test, for stores whose database outlives a test. */
  void emptyDatabase() throws Exception {}

  @BeforeEach
  void openStore() throws Exception {
    emptyDatabase();
    store = JdbcGrafeasStore.open(dataSource(), clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  void reopen() {
    store.close();
    store = JdbcGrafeasStore.open(dataSource(), clock);
  }

  @Test
  void createdNoteIsReadBackWithCreateAndUpdateTime() {
    Note created = store.createNote(attestationNote(QA));

    Timestamp now = Timestamp.newBuilder().setSeconds(1767323045L).setNanos(123_000_000).build();
    assertThat(created)
        .isEqualTo(attestationNote(QA).toBuilder().setCreateTime(now).setUpdateTime(now).build());
    assertThat(store.getNote(QA)).contains(created);
  }

  @Test
  void missingNoteAndOccurrenceAreEmpty() {
    assertThat(store.getNote(QA)).isEmpty();
    assertThat(store.getOccurrence("projects/payments/occurrences/none")).isEmpty();
  }

  @Test
  void creatingANoteTwiceFailsWithAlreadyExists() {
    store.createNote(attestationNote(QA));

    assertStatus(
        () -> store.createNote(attestationNote(QA)),
        Status.Code.ALREADY_EXISTS,
        "note projects/image-signing/notes/qa already exists");
  }

  @Test
  void replacingANoteKeepsItsCreateTimeAndMovesItsUpdateTime() {
    Note created = store.createNote(attestationNote(QA));
    clock.advance(Duration.ofMinutes(5));

    Note replaced = store.replaceNote(created.toBuilder().setShortDescription("renamed").build());

    assertThat(replaced.getShortDescription()).isEqualTo("renamed");
    assertThat(replaced.getCreateTime()).isEqualTo(created.getCreateTime());
    assertThat(replaced.getUpdateTime().getSeconds())
        .isEqualTo(created.getUpdateTime().getSeconds() + 300);
    assertThat(store.getNote(QA)).contains(replaced);
  }

  @Test
  void replacingAMissingNoteFailsWithNotFound() {
    assertStatus(
        () -> store.replaceNote(attestationNote(QA)),
        Status.Code.NOT_FOUND,
        "note projects/image-signing/notes/qa does not exist");
  }

  @Test
  void deletingANoteReportsWhetherItExisted() {
    store.createNote(attestationNote(QA));

    assertThat(store.deleteNote(QA)).isTrue();
    assertThat(store.deleteNote(QA)).isFalse();
    assertThat(store.getNote(QA)).isEmpty();
  }

  @Test
  void noteWithMalformedNameIsRejected() {
    assertStatus(
        () -> store.createNote(attestationNote("projects/p/occurrences/qa")),
        Status.Code.INVALID_ARGUMENT,
        "note name 'projects/p/occurrences/qa' is not of the form projects/{project}/notes/{id}");
  }

  @Test
  void occurrenceIsCreatedReadReplacedAndDeleted() {
    store.createNote(attestationNote(QA));
    String name = "projects/payments/occurrences/o1";
    Occurrence created = store.createOccurrence(attestation(name, QA, imageUri(1)));
    assertThat(store.getOccurrence(name)).contains(created);

    clock.advance(Duration.ofSeconds(1));
    Occurrence replaced =
        store.replaceOccurrence(created.toBuilder().setRemediation("none").build());
    assertThat(replaced.getCreateTime()).isEqualTo(created.getCreateTime());
    assertThat(store.getOccurrence(name)).contains(replaced);

    assertThat(store.deleteOccurrence(name)).isTrue();
    assertThat(store.deleteOccurrence(name)).isFalse();
    assertThat(store.getOccurrence(name)).isEmpty();
  }

  @Test
  void occurrenceOfAMissingNoteFailsWithFailedPrecondition() {
    assertStatus(
        () -> store.createOccurrence(attestation("projects/payments/occurrences/o1", QA, "x")),
        Status.Code.FAILED_PRECONDITION,
        "note projects/image-signing/notes/qa does not exist");
    assertThat(store.getOccurrence("projects/payments/occurrences/o1")).isEmpty();
  }

  @Test
  void replacingAnOccurrenceOntoAMissingNoteFailsWithFailedPrecondition() {
    store.createNote(attestationNote(QA));
    Occurrence created =
        store.createOccurrence(attestation("projects/payments/occurrences/o1", QA, "x"));

    assertStatus(
        () -> store.replaceOccurrence(created.toBuilder().setNoteName(SCANNER).build()),
        Status.Code.FAILED_PRECONDITION,
        "note projects/scanner/notes/cve-2024-0001 does not exist");
    assertThat(store.getOccurrence(created.getName())).contains(created);
  }

  @Test
  void replacingAMissingOccurrenceFailsWithNotFound() {
    store.createNote(attestationNote(QA));
    assertStatus(
        () -> store.replaceOccurrence(attestation("projects/payments/occurrences/o9", QA, "x")),
        Status.Code.NOT_FOUND,
        "occurrence projects/payments/occurrences/o9 does not exist");
  }

  @Test
  void creatingAnOccurrenceTwiceFailsWithAlreadyExists() {
    store.createNote(attestationNote(QA));
    store.createOccurrence(attestation("projects/payments/occurrences/o1", QA, "x"));

    assertStatus(
        () -> store.createOccurrence(attestation("projects/payments/occurrences/o1", QA, "y")),
        Status.Code.ALREADY_EXISTS,
        "occurrence projects/payments/occurrences/o1 already exists");
  }

  @Test
  void batchOfNotesWithOneTakenNameStoresNone() {
    store.createNote(attestationNote("projects/p/notes/b"));
    List<Note> batch =
        List.of(
            attestationNote("projects/p/notes/a"),
            attestationNote("projects/p/notes/b"),
            attestationNote("projects/p/notes/c"));

    assertStatus(
        () -> store.createNotes(batch),
        Status.Code.ALREADY_EXISTS,
        "note projects/p/notes/b already exists");
    assertThat(store.getNote("projects/p/notes/a")).isEmpty();
    assertThat(store.getNote("projects/p/notes/c")).isEmpty();
  }

  @Test
  void batchOfOccurrencesWithOneMissingNoteStoresNone() {
    store.createNote(attestationNote(QA));
    List<Occurrence> batch =
        List.of(
            attestation("projects/payments/occurrences/o1", QA, "x"),
            vulnerability("projects/payments/occurrences/o2", SCANNER, "x"));

    assertStatus(
        () -> store.createOccurrences(batch),
        Status.Code.FAILED_PRECONDITION,
        "note projects/scanner/notes/cve-2024-0001 does not exist");
    assertThat(store.getOccurrence("projects/payments/occurrences/o1")).isEmpty();
  }

  @Test
  void batchOfOccurrencesWithOneTakenNameStoresNone() {
    store.createNote(attestationNote(QA));
    store.createOccurrence(attestation("projects/payments/occurrences/o2", QA, "x"));
    List<Occurrence> batch =
        List.of(
            attestation("projects/payments/occurrences/o1", QA, "x"),
            attestation("projects/payments/occurrences/o2", QA, "x"));

    assertStatus(
        () -> store.createOccurrences(batch),
        Status.Code.ALREADY_EXISTS,
        "occurrence projects/payments/occurrences/o2 already exists");
    assertThat(store.getOccurrence("projects/payments/occurrences/o1")).isEmpty();
  }

  @Test
  void batchNamingAnObjectTwiceIsRejected() {
    List<Note> batch = List.of(attestationNote(QA), attestationNote(QA));

    assertStatus(
        () -> store.createNotes(batch),
        Status.Code.INVALID_ARGUMENT,
        "note projects/image-signing/notes/qa appears twice in the batch");
    assertThat(store.getNote(QA)).isEmpty();
  }

  @Test
  void batchCreatesAllAndReturnsThemInOrder() {
    store.createNote(attestationNote(QA));
    List<Occurrence> batch =
        IntStream.range(0, 50)
            .mapToObj(i -> attestation("projects/payments/occurrences/o" + i, QA, imageUri(i)))
            .toList();

    List<Occurrence> created = store.createOccurrences(batch);

    assertThat(created).extracting(Occurrence::getName).containsExactlyElementsOf(names(batch));
    assertThat(store.listOccurrences(PAYMENTS, new ListQuery("", 100, "")).items())
        .containsExactlyElementsOf(created);
  }

  static Stream<Arguments> occurrenceFilters() {
    return Stream.of(
        Arguments.of("resourceUrl=\"" + imageUri(1) + "\"", List.of("a1", "v1", "b1")),
        Arguments.of("resource_url = \"" + imageUri(1) + "\"", List.of("a1", "v1", "b1")),
        Arguments.of("resourceUrl!=\"" + imageUri(1) + "\"", List.of("a2", "v2", "d2")),
        Arguments.of("kind=ATTESTATION", List.of("a1", "a2", "b1")),
        Arguments.of("kind=\"VULNERABILITY\"", List.of("v1", "v2")),
        Arguments.of("kind!=ATTESTATION", List.of("v1", "v2", "d2")),
        Arguments.of("noteName=\"" + QA + "\"", List.of("a1", "a2")),
        Arguments.of("note_name!=\"" + QA + "\"", List.of("v1", "v2", "b1", "d2")),
        Arguments.of("noteProjectId=\"scanner\"", List.of("v1", "v2", "d2")),
        Arguments.of("note_project_id!=\"scanner\"", List.of("a1", "a2", "b1")),
        Arguments.of("noteId=\"qa\"", List.of("a1", "a2", "b1")),
        Arguments.of("note_id!=\"qa\"", List.of("v1", "v2", "d2")),
        Arguments.of(
            "resourceUrl=\"" + imageUri(1) + "\" AND kind=\"ATTESTATION\"", List.of("a1", "b1")),
        Arguments.of("kind=VULNERABILITY OR kind=DISCOVERY", List.of("v1", "v2", "d2")),
        Arguments.of(
            "(noteId=\"qa\" AND noteProjectId=\"staging\") OR kind=DISCOVERY", List.of("b1", "d2")),
        // OR binds tighter than AND (AIP-160), so this is kind=ATTESTATION AND (...)
        Arguments.of(
            "kind=ATTESTATION AND noteProjectId=\"staging\" OR resourceUrl=\"" + imageUri(2) + "\"",
            List.of("a2", "b1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("occurrenceFilters")
  void filtersOccurrencesByEveryFieldAndOperator(String filter, List<String> expected) {
    String staging = "projects/staging/notes/qa";
    String discovery = "projects/scanner/notes/discovery";
    store.createNotes(
        List.of(
            attestationNote(QA),
            attestationNote(SCANNER),
            attestationNote(staging),
            attestationNote(discovery)));
    store.createOccurrences(
        List.of(
            attestation(occurrence("a1"), QA, imageUri(1)),
            attestation(occurrence("a2"), QA, imageUri(2)),
            vulnerability(occurrence("v1"), SCANNER, imageUri(1)),
            vulnerability(occurrence("v2"), SCANNER, imageUri(2)),
            attestation(occurrence("b1"), staging, imageUri(1)),
            ofKind(NoteKind.DISCOVERY, occurrence("d2"), discovery, imageUri(2)),
            attestation("projects/elsewhere/occurrences/a1", QA, imageUri(1))));

    Page<Occurrence> page = store.listOccurrences(PAYMENTS, new ListQuery(filter, 0, ""));

    assertThat(page.items())
        .extracting(Occurrence::getName)
        .containsExactlyElementsOf(expected.stream().map(this::occurrence).toList());
    assertThat(page.nextPageToken()).isEmpty();
  }

  @Test
  void filtersNotesByNameAndKind() {
    Note qa = store.createNote(attestationNote("projects/p/notes/qa"));
    Note build = store.createNote(attestationNote("projects/p/notes/build"));
    Note cve =
        store.createNote(
            Note.newBuilder()
                .setName("projects/p/notes/cve")
                .setKind(NoteKind.VULNERABILITY)
                .build());
    store.createNote(attestationNote("projects/other/notes/qa"));

    assertThat(store.listNotes("projects/p", new ListQuery("", 0, "")).items())
        .containsExactly(qa, build, cve);
    assertThat(
            store
                .listNotes("projects/p", new ListQuery("name=\"projects/p/notes/qa\"", 0, ""))
                .items())
        .containsExactly(qa);
    assertThat(store.listNotes("projects/p", new ListQuery("kind=ATTESTATION", 0, "")).items())
        .containsExactly(qa, build);
    assertThat(store.listNotes("projects/p", new ListQuery("kind!=ATTESTATION", 0, "")).items())
        .containsExactly(cve);
  }

  @Test
  void listsTheOccurrencesOfANoteAcrossProjects() {
    store.createNotes(List.of(attestationNote(QA), attestationNote(SCANNER)));
    store.createOccurrences(
        List.of(
            attestation("projects/payments/occurrences/a", QA, imageUri(1)),
            attestation("projects/billing/occurrences/b", QA, imageUri(2)),
            vulnerability("projects/payments/occurrences/c", SCANNER, imageUri(1))));

    Page<Occurrence> page = store.listNoteOccurrences(QA, new ListQuery("", 0, ""));
    Page<Occurrence> filtered =
        store.listNoteOccurrences(QA, new ListQuery("resourceUrl=\"" + imageUri(2) + "\"", 0, ""));

    assertThat(names(page.items()))
        .containsExactly("projects/payments/occurrences/a", "projects/billing/occurrences/b");
    assertThat(names(filtered.items())).containsExactly("projects/billing/occurrences/b");
  }

  @Test
  void malformedFilterFailsWithInvalidArgumentNamingThePosition() {
    assertStatus(
        () -> store.listOccurrences(PAYMENTS, new ListQuery("resourceUrl>\"x\"", 0, "")),
        Status.Code.INVALID_ARGUMENT,
        "filter: unexpected character '>' at position 12");
    assertStatus(
        () -> store.listOccurrences(PAYMENTS, new ListQuery("resourceUrl \"x\"", 0, "")),
        Status.Code.INVALID_ARGUMENT,
        "filter: expected '=' or '!=' at position 13");
    assertStatus(
        () -> store.listNotes(PAYMENTS, new ListQuery("resourceUrl=\"x\"", 0, "")),
        Status.Code.INVALID_ARGUMENT,
        "filter: unknown field 'resourceUrl' at position 1");
  }

  @Test
  void pagesThroughNotesWithDefaultSizeAndStableTokens() {
    List<Note> batch =
        IntStream.range(0, 45).mapToObj(i -> attestationNote("projects/p/notes/n" + i)).toList();
    store.createNotes(batch);

    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String token = "";
    do {
      Page<Note> page = store.listNotes("projects/p", new ListQuery("", 0, token));
      sizes.add(page.items().size());
      page.items().forEach(note -> seen.add(note.getName()));
      token = page.nextPageToken();
    } while (!token.isEmpty());

    assertThat(sizes).containsExactly(20, 20, 5);
    assertThat(seen).containsExactlyElementsOf(names(batch));
  }

  @Test
  void lastFullPageHasNoToken() {
    store.createNotes(
        IntStream.range(0, 4).mapToObj(i -> attestationNote("projects/p/notes/n" + i)).toList());

    Page<Note> first = store.listNotes("projects/p", new ListQuery("", 2, ""));
    Page<Note> second = store.listNotes("projects/p", new ListQuery("", 2, first.nextPageToken()));

    assertThat(first.nextPageToken()).isNotEmpty();
    assertThat(names(second.items())).containsExactly("projects/p/notes/n2", "projects/p/notes/n3");
    assertThat(second.nextPageToken()).isEmpty();
  }

  @Test
  void pageTokenOfAnotherFilterOrParentIsRejected() {
    store.createNotes(
        IntStream.range(0, 3).mapToObj(i -> attestationNote("projects/p/notes/n" + i)).toList());
    String token = store.listNotes("projects/p", new ListQuery("", 1, "")).nextPageToken();

    assertStatus(
        () -> store.listNotes("projects/p", new ListQuery("kind=ATTESTATION", 1, token)),
        Status.Code.INVALID_ARGUMENT,
        "page_token was issued for another parent or filter");
    assertStatus(
        () -> store.listNotes("projects/q", new ListQuery("", 1, token)),
        Status.Code.INVALID_ARGUMENT,
        "page_token was issued for another parent or filter");
    assertStatus(
        () -> store.listNotes("projects/p", new ListQuery("", 1, "not-a-token")),
        Status.Code.INVALID_ARGUMENT,
        "page_token is malformed");
  }

  @Test
  void pagingSeesEveryExistingRowOnceWhileRowsAreInserted() throws Exception {
    store.createNote(attestationNote(QA));
    List<Occurrence> existing =
        IntStream.range(0, 100)
            .mapToObj(i -> attestation("projects/payments/occurrences/e" + i, QA, imageUri(i)))
            .toList();
    store.createOccurrences(existing);
    AtomicBoolean paging = new AtomicBoolean(true);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> inserted = writer.submit(() -> insertWhile(paging));
      List<String> seen = new ArrayList<>();
      String token = "";
      int page = 0;
      do {
        Page<Occurrence> result =
            store.listOccurrences(PAYMENTS, new ListQuery("kind=ATTESTATION", 7, token));
        result.items().forEach(o -> seen.add(o.getName()));
        store.createOccurrence(attestation("projects/payments/occurrences/p" + page++, QA, "x"));
        token = result.nextPageToken();
      } while (!token.isEmpty());
      paging.set(false);

      inserted.get(30, TimeUnit.SECONDS);
      assertThat(seen).doesNotHaveDuplicates().containsAll(names(existing));
    } finally {
      paging.set(false);
      writer.shutdownNow();
    }
  }

  @Test
  void findsTheAttestationsOfOneImageAmongTenThousandOccurrences() {
    List<String> kinds = List.of("ATTESTATION", "VULNERABILITY", "BUILD");
    store.createNotes(
        kinds.stream()
            .map(
                k ->
                    Note.newBuilder()
                        .setName("projects/p/notes/" + k)
                        .setKind(NoteKind.valueOf(k))
                        .build())
            .toList());
    for (int batch = 0; batch < 10; batch++) {
      List<Occurrence> occurrences = new ArrayList<>();
      for (int i = batch * 1000; i < (batch + 1) * 1000; i++) {
        String kind = kinds.get(i % 3);
        occurrences.add(
            ofKind(
                NoteKind.valueOf(kind),
                "projects/payments/occurrences/o" + i,
                "projects/p/notes/" + kind,
                imageUri(i % 100)));
      }
      store.createOccurrences(occurrences);
    }
    String filter = "resourceUrl=\"" + imageUri(42) + "\" AND kind=\"ATTESTATION\"";
    List<String> expected =
        IntStream.range(0, 10_000)
            .filter(i -> i % 100 == 42 && i % 3 == 0)
            .mapToObj(i -> "projects/payments/occurrences/o" + i)
            .toList();

    List<String> seen = new ArrayList<>();
    String token = "";
    do {
      Page<Occurrence> page = store.listOccurrences(PAYMENTS, new ListQuery(filter, 10, token));
      assertThat(page.items())
          .allSatisfy(o -> assertThat(o.getResourceUri()).isEqualTo(imageUri(42)));
      seen.addAll(names(page.items()));
      token = page.nextPageToken();
    } while (!token.isEmpty());

    assertThat(seen).hasSize(34).containsExactlyElementsOf(expected);
    assertThat(store.listOccurrences(PAYMENTS, new ListQuery("", 5000, "")).items())
        .hasSize(ListQuery.MAX_PAGE_SIZE);
  }

  @Test
  void everythingWrittenIsReadBackAfterReopening() {
    Note qa = store.createNote(attestationNote(QA));
    List<Occurrence> created =
        store.createOccurrences(
            IntStream.range(0, 30)
                .mapToObj(i -> attestation("projects/payments/occurrences/o" + i, QA, imageUri(i)))
                .toList());
    store.deleteOccurrence("projects/payments/occurrences/o0");

    reopen();

    assertThat(store.getNote(QA)).contains(qa);
    assertThat(store.listOccurrences(PAYMENTS, new ListQuery("", 100, "")).items())
        .containsExactlyElementsOf(created.subList(1, created.size()));
    Occurrence next =
        store.createOccurrence(attestation("projects/payments/occurrences/new", QA, "x"));
    assertThat(store.listOccurrences(PAYMENTS, new ListQuery("", 100, "")).items())
        .last()
        .isEqualTo(next);
  }

  @Test
  void closedStoreFailsWithUnavailable() {
    store.close();

    assertThatThrownBy(() -> store.getNote(QA))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    store = JdbcGrafeasStore.open(dataSource(), clock);
  }

  private int insertWhile(AtomicBoolean paging) {
    int count = 0;
    while (paging.get() && count < 500) {
      store.createOccurrence(
          attestation("projects/payments/occurrences/w" + count++, QA, imageUri(count)));
    }
    return count;
  }

  private String occurrence(String id) {
    return "projects/payments/occurrences/" + id;
  }

  static <T> List<String> names(List<T> objects) {
    Function<T, String> name =
        o -> o instanceof Note note ? note.getName() : ((Occurrence) o).getName();
    return objects.stream().map(name).toList();
  }

  static void assertStatus(ThrowingCallable call, Status.Code code, String description) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).isEqualTo(description);
            });
  }
}
