package io.exowatch.sink.internal.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects items for one bulk request and decides <em>when</em> it is sent: when it holds
 * {@code maxItems} items, when adding the next item would pass {@code maxBytes}, or when its oldest
 * item has waited {@code linger}. It does no I/O and reads no clock: callers pass the time, so it is
 * tested without OpenSearch or sleeping (STYLE.md 14). An item larger than {@code maxBytes} on its
 * own still forms a batch of one. Not thread-safe: the indexer's single thread owns it.
 *
 * @param <T> the buffered item
 */
public final class BatchBuffer<T> {

  private final int maxItems;
  private final long maxBytes;
  private final long lingerMillis;
  private final List<T> items = new ArrayList<>();
  private long bytes;
  private long firstAddedAtMillis;

  /**
   * A buffer flushing at {@code maxItems} items, {@code maxBytes} bytes or {@code linger} age.
   *
   * @throws IllegalArgumentException when a limit is not positive
   */
  public BatchBuffer(final int maxItems, final long maxBytes, final Duration linger) {
    if (maxItems < 1 || maxBytes < 1 || linger.isNegative()) {
      throw new IllegalArgumentException("Batch limits must be positive: maxItems=" + maxItems
          + ", maxBytes=" + maxBytes + ", linger=" + linger);
    }
    this.maxItems = maxItems;
    this.maxBytes = maxBytes;
    this.lingerMillis = linger.toMillis();
  }

  /** Whether an item of {@code itemBytes} can join without passing the byte limit (always true when empty). */
  public boolean fits(final long itemBytes) {
    return items.isEmpty() || bytes + itemBytes <= maxBytes;
  }

  /**
   * Adds an item; the caller checks {@link #fits} first and drains when it does not.
   *
   * @return whether the buffer is now full and should be drained at once
   */
  public boolean add(final T item, final long itemBytes, final long nowMillis) {
    if (items.isEmpty()) {
      firstAddedAtMillis = nowMillis;
    }
    items.add(item);
    bytes += itemBytes;
    return isFull();
  }

  /** Whether the item or byte limit is reached. */
  public boolean isFull() {
    return items.size() >= maxItems || bytes >= maxBytes;
  }

  /** Whether the buffer should be drained now: full, or its oldest item has lingered long enough. */
  public boolean isDue(final long nowMillis) {
    return !items.isEmpty() && (isFull() || nowMillis - firstAddedAtMillis >= lingerMillis);
  }

  /** Milliseconds until the buffer is due; {@code Long.MAX_VALUE} when empty, 0 when due. */
  public long millisUntilDue(final long nowMillis) {
    if (items.isEmpty()) {
      return Long.MAX_VALUE;
    }
    if (isFull()) {
      return 0;
    }
    return Math.max(0, firstAddedAtMillis + lingerMillis - nowMillis);
  }

  /** Removes and returns the buffered items in the order they were added. */
  public List<T> drain() {
    final List<T> out = List.copyOf(items);
    items.clear();
    bytes = 0;
    return out;
  }

  /** Empties the buffer without returning the items (after a failed request, before re-reading). */
  public void clear() {
    items.clear();
    bytes = 0;
  }

  /** Items held. */
  public int size() {
    return items.size();
  }

  /** Bytes held. */
  public long bytes() {
    return bytes;
  }

  /** Whether nothing is held. */
  public boolean isEmpty() {
    return items.isEmpty();
  }
}
