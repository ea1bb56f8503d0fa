namespace Quire.Core.Webhooks;

/// <summary>Wakes this node's webhook dispatcher as soon as an event commits.</summary>
public sealed class WebhookSignal : WakeSignal;
