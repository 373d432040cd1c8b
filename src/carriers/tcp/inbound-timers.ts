/**
 * The two timers of an inbound connection, each made once per connection and re-armed
 * (a timer made per message or per chunk was measurable in a flood).
 */

/**
 * The first-message deadline, then the silence limit: nothing complete in time is a
 * slowloris (or a client that connected and forgot); a connection that spoke and then
 * stayed silent too long is closed.
 */
export class InboundDeadline {
  /** When the connection opened or last sent bytes: the silence limit counts from here. */
  lastData = Date.now();
  private spoken = false;
  private timer: NodeJS.Timeout;

  constructor(
    private readonly firstMessageMs: number,
    private readonly idleTimeoutMs: number,
    private readonly onSlow: () => void,
    private readonly onSilent: () => void,
  ) {
    this.timer = setTimeout(this.onDeadline, firstMessageMs);
  }

  /** A complete message arrived: from now on only the silence limit applies. */
  spoke(): void {
    if (this.spoken) return;
    this.spoken = true;
    // The timer fires before the silence limit could pass, unless that limit is the
    // shorter (tests): then it is armed for it now.
    if (this.idleTimeoutMs < this.firstMessageMs) {
      clearTimeout(this.timer);
      this.timer = setTimeout(this.onDeadline, this.idleTimeoutMs);
    }
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private readonly onDeadline = (): void => {
    if (!this.spoken) return this.onSlow();
    const silentMs = Date.now() - this.lastData;
    if (silentMs >= this.idleTimeoutMs) return this.onSilent();
    this.timer = setTimeout(this.onDeadline, this.idleTimeoutMs - silentMs);
  };
}

/**
 * The gap that ends a message from a sender that holds its connection open without a
 * delimiter. Made when first needed and re-armed (`refresh`) after; never cleared before
 * the close (a cleared timer cannot be re-armed): disarming tells it to do nothing.
 */
export class GapTimer {
  private timer: NodeJS.Timeout | undefined;
  private armed = false;

  constructor(
    private readonly gapMs: number,
    private readonly onGap: () => void,
  ) {}

  arm(): void {
    this.armed = true;
    if (this.timer) this.timer.refresh();
    else this.timer = setTimeout(this.onFire, this.gapMs);
  }

  /** More bytes came: a later arming decides. */
  disarm(): void {
    this.armed = false;
  }

  stop(): void {
    this.armed = false;
    clearTimeout(this.timer);
  }

  private readonly onFire = (): void => {
    if (!this.armed) return;
    this.armed = false;
    this.onGap();
  };
}
