package io.dikast.grafeas.store;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/** Serves Flyway a fixed list of scripts from the class path. */
final class ListedMigrations implements ResourceProvider {

  private final String directory;
  private final List<String> scripts;
  private final ClassLoader classLoader;

  ListedMigrations(String directory, List<String> scripts, ClassLoader classLoader) {
    this.directory = directory;
    this.scripts = List.copyOf(scripts);
    this.classLoader = classLoader;
  }

  @Override
  public LoadableResource getResource(String name) {
    return scripts.contains(name) ? new Script(name) : null;
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    return scripts.stream()
        .filter(name -> name.startsWith(prefix))
        .filter(name -> Arrays.stream(suffixes).anyMatch(name::endsWith))
        .<LoadableResource>map(Script::new)
        .toList();
  }

  private final class Script extends LoadableResource {

    private final String name;

    Script(String name) {
      this.name = name;
    }

    @Override
    public Reader read() {
      String path = directory + "/" + name;
      InputStream stream = classLoader.getResourceAsStream(path);
      if (stream == null) {
        throw new UncheckedIOException(new FileNotFoundException(path));
      }
      return new InputStreamReader(stream, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
      return directory + "/" + name;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return getAbsolutePath();
    }

    @Override
    public String getFilename() {
      return name;
    }

    @Override
    public String getRelativePath() {
      return name;
    }
  }
}
