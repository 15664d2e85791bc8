package io.levity.node.api.trace;

import static io.levity.node.api.trace.TracerFixture.B;
import static io.levity.node.api.trace.TracerFixture.BLOCK;
import static io.levity.node.api.trace.TracerFixture.GAS;
import static io.levity.node.api.trace.TracerFixture.JSON;
import static io.levity.node.api.trace.TracerFixture.LOOP;
import static io.levity.node.api.trace.TracerFixture.SENDER;
import static io.levity.node.api.trace.TracerFixture.trace;
import static io.levity.node.api.trace.TracerFixture.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.core.time.TimeSource;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.evm.InMemoryWorld;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.ValidatedTransaction;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A trace's limits (steps, bytes, tracer names) and its timeout, each with a clear error. */
class TraceLimitsTest {
  @Test
  void limitsGiveClearErrors() {
    TraceLimits tight =
        new TraceLimits(5, 1 << 20, 10, Duration.ofSeconds(5), Duration.ofSeconds(30));
    assertThatThrownBy(() -> trace(Optional.of(B), "", null, tight))
        .isInstanceOf(TraceLimitException.class)
        .hasMessageContaining("limit of 5 struct log steps");
    TraceLimits small =
        new TraceLimits(1000, 500, 10, Duration.ofSeconds(5), Duration.ofSeconds(30));
    assertThatThrownBy(() -> trace(Optional.of(B), "", null, small))
        .isInstanceOf(TraceLimitException.class)
        .hasMessageContaining("limit of 500 bytes");
    assertThatThrownBy(() -> trace(Optional.of(B), "", "{\"tracer\":\"4byteTracer\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"4byteTracer\" is not supported");
  }

  @Test
  void timeoutStopsALongTrace() throws Exception {
    long[] now = {0};
    TimeSource ticking =
        new TimeSource() {
          @Override
          public long nanoTime() {
            now[0] += 2_000_000; // 2 ms per reading
            return now[0];
          }

          @Override
          public long epochMillis() {
            return now[0] / 1_000_000;
          }
        };
    Transaction tx =
        new LegacyTransaction(
            0,
            UInt256.ONE,
            GAS,
            Optional.of(LOOP),
            UInt256.ZERO,
            Bytes.EMPTY,
            OptionalLong.empty(),
            Transaction.UNSIGNED);
    ValidatedTransaction v = new ValidatedTransaction(tx, SENDER, 21_000);
    InMemoryWorld world = world();
    TraceOptions o = TraceOptions.defaults(TraceLimits.DEFAULT);
    TraceBudget budget = new TraceBudget(TraceLimits.DEFAULT, ticking, 5);
    assertThatThrownBy(
            () ->
                new TraceRunner(Fork.CANCUN, 1)
                    .trace(world, world, BLOCK, v, 30_000_000, o, budget))
        .isInstanceOf(TraceLimitException.class)
        .hasMessageContaining("execution timeout: the trace took more than 5 ms");
  }

  @Test
  void timeoutIsParsedAndCapped() throws Exception {
    TraceOptions o =
        TraceOptions.parse(JSON.readTree("{\"timeout\":\"1m30s\"}"), TraceLimits.DEFAULT);
    assertThat(o.timeoutMillis()).isEqualTo(30_000); // capped to the 30 s maximum
    o = TraceOptions.parse(JSON.readTree("{\"timeout\":\"1500ms\"}"), TraceLimits.DEFAULT);
    assertThat(o.timeoutMillis()).isEqualTo(1_500);
    assertThat(TraceOptions.defaults(TraceLimits.DEFAULT).timeoutMillis()).isEqualTo(5_000);
    assertThatThrownBy(
            () -> TraceOptions.parse(JSON.readTree("{\"timeout\":\"soon\"}"), TraceLimits.DEFAULT))
        .hasMessageContaining("not a duration");
  }
}
