/** A small Prometheus-text metrics registry and the HTTP endpoint that serves it. */
package io.levity.node.metrics;
