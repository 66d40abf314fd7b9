import type { Telemetry } from '../core/ports/telemetry';

export interface AzureMonitorOptions {
  connectionString: string;
  /** cloud_RoleName in Application Insights. */
  serviceName: string;
  version: string;
}

/**
 * Azure Monitor through `@azure/monitor-opentelemetry` (the maintained distro: exporter, batching,
 * retries). Loaded only when APPLICATIONINSIGHTS_CONNECTION_STRING is set — the OpenTelemetry
 * packages are not even required otherwise. Each turn is a SERVER span "turn <name>" (started at
 * the turn's start, so its duration is the turn's) plus a histogram and an error counter; reminder
 * deliveries are counters by outcome. Automatic HTTP instrumentation stays off: it would name every
 * request by its URL, and the turn span already says what a request did. Live metrics and statsbeat
 * are off too (no calls beyond the ingestion endpoint). Every turn is kept: the distro's default
 * sampler (5 traces/s, rate-limited from an empty window) dropped turns right after a start and in
 * bursts — an agency's traffic is small, and a turn missing from the trace is a question an operator
 * cannot answer. OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG still override it (the distro reads them).
 */
export async function startAzureMonitorTelemetry(options: AzureMonitorOptions): Promise<Telemetry> {
  process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED_ALL ??= 'true';
  process.env.OTEL_SERVICE_NAME ??= options.serviceName;
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: options.connectionString },
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
    instrumentationOptions: { http: { enabled: false }, azureSdk: { enabled: false }, postgreSql: { enabled: false } },
  });
  const { trace, metrics, SpanKind, SpanStatusCode } = await import('@opentelemetry/api');
  const tracer = trace.getTracer('maalbot', options.version);
  const meter = metrics.getMeter('maalbot', options.version);
  const turnDuration = meter.createHistogram('maalbot.turn.duration', { unit: 'ms', description: 'Time from an activity arriving to its answer' });
  const turnErrors = meter.createCounter('maalbot.turn.errors', { description: 'Turns that failed inside the bot' });
  const deliveries = meter.createCounter('maalbot.reminder.deliveries', { description: 'Reminder deliveries by outcome' });

  return {
    turn(record) {
      const attributes = { 'maalbot.turn': record.name, 'maalbot.outcome': record.outcome, 'maalbot.conversation_type': record.conversationType };
      const span = tracer.startSpan(`turn ${record.name}`, { kind: SpanKind.SERVER, startTime: Date.now() - record.durationMs, attributes });
      if (record.failed) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      turnDuration.record(record.durationMs, attributes);
      if (record.failed) turnErrors.add(1, attributes);
    },
    reminderTick(record) {
      for (const [outcome, n] of Object.entries(record)) if (n > 0) deliveries.add(n, { 'maalbot.outcome': outcome });
    },
    flush: () => shutdownAzureMonitor(),
  };
}
