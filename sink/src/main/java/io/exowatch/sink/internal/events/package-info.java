/** The Server-Sent-Events relay of trial-events: positions encoded as event ids, per-client consumers, heartbeats. */
package io.exowatch.sink.internal.events;
