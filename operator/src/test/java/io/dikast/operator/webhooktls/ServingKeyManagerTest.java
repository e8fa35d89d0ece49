package io.dikast.operator.webhooktls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServingKeyManagerTest {

  private final ServingPair first = ServingPair.issue();
  private final ServingPair second = ServingPair.issue();
  private final ServingKeyManager manager = new ServingKeyManager(first.key("webhook-1"));

  @Test
  void offersTheServedCertificateForItsKeyType() {
    String alias = manager.chooseEngineServerAlias("EC", null, null);

    assertThat(manager.getCertificateChain(alias)).containsExactly(first.issued().certificate());
    assertThat(manager.getPrivateKey(alias)).isEqualTo(first.issued().key());
  }

  @Test
  void offersNoAliasForAKeyTypeItDoesNotHold() {
    assertThat(manager.chooseEngineServerAlias("RSA", null, null)).isNull();
    assertThat(manager.chooseServerAlias("RSA", null, null)).isNull();
    assertThat(manager.getServerAliases("RSA", null)).isNull();
  }

  @Test
  void givesAHandshakeThatChoseItsAliasBeforeASwapTheMatchingPreviousPair() {
    String chosenBefore = manager.chooseEngineServerAlias("EC", null, null);

    manager.serve(second.key("webhook-2"));

    assertThat(manager.getCertificateChain(chosenBefore))
        .containsExactly(first.issued().certificate());
    assertThat(manager.getPrivateKey(chosenBefore)).isEqualTo(first.issued().key());
  }

  @Test
  void offersTheNewCertificateToEveryHandshakeAfterASwap() {
    manager.serve(second.key("webhook-2"));

    String alias = manager.chooseEngineServerAlias("EC", null, null);

    assertThat(alias).isEqualTo("webhook-2");
    assertThat(manager.getCertificateChain(alias)).containsExactly(second.issued().certificate());
    assertThat(manager.getPrivateKey(alias)).isEqualTo(second.issued().key());
  }

  @Test
  void presentsNoClientCertificate() {
    assertThat(manager.chooseEngineClientAlias(new String[] {"EC"}, null, null)).isNull();
    assertThat(manager.getClientAliases("EC", null)).isNull();
  }
}
