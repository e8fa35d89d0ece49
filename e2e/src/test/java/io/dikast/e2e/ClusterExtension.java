package io.dikast.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the suite's one {@link TestCluster}, started on first use with the CRDs
 * installed, and closed by JUnit when the whole run ends (the root store closes its values).
 */
final class ClusterExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(TestCluster.class, type -> startWithCrds(), TestCluster.class);
  }

  private static TestCluster startWithCrds() {
    TestCluster cluster = TestCluster.start(SuiteSettings.fromEnvironment());
    try {
      KritisCrds.install(cluster.admin());
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }
}
