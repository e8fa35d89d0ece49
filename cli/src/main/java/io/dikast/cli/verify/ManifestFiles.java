package io.dikast.cli.verify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dikast.cli.CliException;
import io.dikast.cli.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads Kubernetes objects from multi-document YAML (or JSON) files, a directory of them, or
 * standard input. {@code kind: List} documents are opened up into their items.
 */
final class ManifestFiles {

  private static final YAMLMapper YAML = new YAMLMapper();
  static final String STDIN = "-";

  private ManifestFiles() {}

  /**
   * @param what the option the paths came from, for messages
   */
  static List<ManifestDocument> read(List<Path> paths, String what, InputStream stdin) {
    List<ManifestDocument> documents = new ArrayList<>();
    for (Path path : paths) {
      if (path.toString().equals(STDIN)) {
        documents.addAll(parse("<stdin>", readStdin(stdin)));
      } else if (Files.isDirectory(path)) {
        for (Path file : manifestsIn(path)) {
          documents.addAll(parse(file.toString(), InputFiles.read(file, what)));
        }
      } else {
        documents.addAll(parse(path.toString(), InputFiles.read(path, what)));
      }
    }
    return documents;
  }

  private static List<Path> manifestsIn(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).filter(ManifestFiles::isManifest).sorted().toList();
    } catch (IOException e) {
      throw CliException.usage("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static byte[] readStdin(InputStream stdin) {
    try {
      return stdin.readAllBytes();
    } catch (IOException e) {
      throw CliException.usage("cannot read standard input: " + e.getMessage(), e);
    }
  }

  static List<ManifestDocument> parse(String file, byte[] content) {
    List<JsonNode> trees = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(content)) {
      while (documents.hasNextValue()) {
        JsonNode tree = documents.nextValue();
        if (tree != null && !tree.isNull() && !tree.isMissingNode()) {
          trees.add(tree);
        }
      }
    } catch (JsonProcessingException e) {
      throw CliException.usage(file + ": not valid YAML" + at(e.getLocation()) + ": " + problem(e));
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<ManifestDocument> objects = new ArrayList<>();
    for (int i = 0; i < trees.size(); i++) {
      String source = trees.size() == 1 ? file : file + " (document " + (i + 1) + ")";
      objects.addAll(objects(source, trees.get(i)));
    }
    return objects;
  }

  private static List<ManifestDocument> objects(String source, JsonNode tree) {
    if (!tree.isObject()) {
      throw CliException.usage(source + ": expected a Kubernetes object, found " + shape(tree));
    }
    ManifestDocument document = new ManifestDocument(source, tree);
    if (document.apiVersion().isEmpty() || document.kind().isEmpty()) {
      throw CliException.usage(source + ": not a Kubernetes object: apiVersion or kind missing");
    }
    if (!document.kind().equals("List")) {
      return List.of(document);
    }
    List<ManifestDocument> items = new ArrayList<>();
    JsonNode list = tree.path("items");
    for (int i = 0; i < list.size(); i++) {
      items.addAll(objects(source + " items[" + i + "]", list.get(i)));
    }
    return items;
  }

  private static String shape(JsonNode tree) {
    return tree.isArray() ? "a list" : "the value " + tree.asText();
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String problem(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }
}
