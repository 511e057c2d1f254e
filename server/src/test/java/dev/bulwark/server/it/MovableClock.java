package dev.bulwark.server.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock shifted by an offset a test can change while the server runs. */
final class MovableClock extends Clock
{
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void setOffset(Duration newOffset)
    {
        offset.set(newOffset);
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        throw new UnsupportedOperationException("UTC only");
    }

    @Override
    public Instant instant()
    {
        return Instant.now().plus(offset.get());
    }
}
