namespace Quire.Core.Tasks;

/// <summary>Wakes the long-task worker as soon as a task is queued.</summary>
public sealed class LongTaskSignal : WakeSignal;
