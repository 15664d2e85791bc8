package io.levity.cli.compute;

import io.levity.compute.client.ProviderClient;
import io.levity.compute.client.UserReceiptStore;
import io.levity.compute.proxy.VerifyingProxy;
import io.levity.compute.serving.InferenceServer;
import io.levity.core.bytes.Address;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The running proxy of {@code levity compute proxy}: the user's receipt store, one verifying client
 * per provider, and the {@link VerifyingProxy} on 127.0.0.1.
 */
final class LocalProxy implements AutoCloseable {
  /** Requests served at once (the calls to one provider still go one at a time). */
  static final int MAX_CONCURRENT = 16;

  private final UserReceiptStore store;
  private final HttpClient http;
  private final InferenceServer server;
  private final VerifyingProxy proxy;

  private LocalProxy(
      UserReceiptStore store, HttpClient http, InferenceServer server, VerifyingProxy proxy) {
    this.store = store;
    this.http = http;
    this.server = server;
    this.proxy = proxy;
  }

  /** Starts the proxy over {@code providers} on {@code port} (0 for any). */
  static LocalProxy start(
      ComputeUserOptions.UserSide side, List<Address> providers, Path dataDir, int port)
      throws IOException, InterruptedException {
    UserReceiptStore store = UserReceiptStore.open(dataDir, side.key().address());
    HttpClient http = ProviderClient.httpClient();
    try {
      List<ProviderClient> clients = new ArrayList<>();
      for (Address p : providers) clients.add(ComputeUserOptions.client(side, p, store, http));
      VerifyingProxy proxy = new VerifyingProxy(clients, MAX_CONCURRENT);
      InferenceServer server =
          new InferenceServer(
              proxy,
              new InferenceServer.Config(
                  "127.0.0.1",
                  port,
                  InferenceServer.Config.loopback(0).maxBodyBytes(),
                  10_000,
                  120));
      server.start();
      return new LocalProxy(store, http, server, proxy);
    } catch (RuntimeException | InterruptedException e) {
      store.close();
      http.close();
      throw e;
    }
  }

  int port() {
    return server.port();
  }

  VerifyingProxy proxy() {
    return proxy;
  }

  UserReceiptStore store() {
    return store;
  }

  @Override
  public void close() throws IOException {
    server.close();
    http.close();
    store.close();
  }
}
