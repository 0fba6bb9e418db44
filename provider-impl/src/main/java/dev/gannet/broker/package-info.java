/**
 * The broker: destinations, subscriptions, sessions and transactions over one {@link dev.gannet.store.MessageStore}.
 *
 * <p>{@link dev.gannet.broker.Broker} only assembles the parts below with their constructors and runs their
 * lifecycle (start, recovery, close); it is the package's public face ({@code start}, {@code connect},
 * {@code declareQueue}, {@code declareTopic}, {@code statistics}, {@code subscriptionStatistics},
 * {@code addListener}, {@code administration}, {@code close}). No part refers back to it.
 * Each part owns one job; the arrows say who may call it:
 * <ul>
 *   <li>{@code Scheduler} — the one timer (delivery and redelivery delays, XA branch timeouts, expiry work). Called
 *       by queues, redelivery, the resource manager and the mover.</li>
 *   <li>{@code StoreWriter} — every store access: writes whose failure becomes a {@code JMSException}, background
 *       writes that log, page reads. Called by every part that stores something.</li>
 *   <li>{@code DestinationRegistry} — queues and topics, permanent and temporary, by {@code QueueKey} and
 *       {@code TopicKey}; creates every {@code MessageQueue}. Called by the post office, subscriptions, the mover,
 *       recovery and connections (temporary destinations, browsing).</li>
 *   <li>{@code Subscriptions} — topic subscriptions, durable and shared ones by {@code SubscriptionKey}. Called by
 *       sessions (consumers), connections (unsubscribe) and recovery.</li>
 *   <li>{@code DuplicateDetection} — the duplicate IDs each destination has seen. Called by the post office and
 *       recovery.</li>
 *   <li>{@code PostOffice} — sends: limits, routing to queues and subscriptions, duplicates dropped, references
 *       handed to their queues only once stored. Called by connections, transactions and the mover.</li>
 *   <li>{@code MessageMover} — expiry and dead-letter moves, and the periodic expiry sweep; collects what queues
 *       set aside in {@code ExpiredMessages}. For management it removes waiting messages and moves them to another
 *       queue or back to where they were dead-lettered from, a {@code QueueSweep} taking them out of their queue a
 *       batch at a time, each batch one store transaction. Called by sessions (dead letters), the scheduler and the
 *       administration.</li>
 *   <li>{@code MessageQueue} — one queue of references (a JMS queue, or a subscription's): order, dispatch to
 *       consumers, limits, returned messages; its stored backlog beyond the memory budget is read by its
 *       {@code PagingCursor}. Called by the post office, sessions, consumers and the mover.</li>
 *   <li>{@code MemoryBudget} — the heap the waiting messages of all queues together may take; past it durable
 *       queues page. Shared by every {@code MessageQueue} through {@code QueueServices}.</li>
 *   <li>{@code QueueBrowsing} — one queue browser enumeration's walk through a {@code MessageQueue}: what the queue
 *       held in memory when it began, then its stored backlog read a page at a time. Kept by its session by browse id
 *       until it reaches its end or is closed. Called by sessions.</li>
 *   <li>{@code ResourceManager} and {@code Transaction} — transactions by {@code TransactionId} (a session's
 *       {@code TransactionId.Local}, an XA branch's {@code TransactionId.Xa}) from begin until committed or rolled
 *       back; a transaction holds its staged sends, the references it consumes, its rollback-only mark with the
 *       reason, and after-commit and after-rollback actions, moves through its {@code Transaction.State}s and commits
 *       in one store unit (an XA branch may first prepare in one, its outcome written in a later one). The resource
 *       manager carries out the XA rules: which sessions work in (are associated with) a branch, prepare and
 *       outcome, the prepared branches in prepare order for {@code XaRecover}, branch timeouts on the scheduler
 *       (Xids that timed out are remembered a while in {@code TimedOutBranches}). Called by sessions (begin, stage,
 *       acknowledge, commit, rollback; their close fails their XA associations), connections (the Xa commands; mark
 *       rollback-only when a one-way send fails) and recovery (prepared branches restored).</li>
 *   <li>{@code Redelivery} — returns delivered, unconsumed messages to their queues: redelivered ones counted and
 *       stored, dead-lettered past their attempts, delayed by their destination's settings. Called by sessions and by
 *       rolled-back XA branches.</li>
 *   <li>{@code ClientIds} — the client IDs in use. {@code Connections} — the open connections (announced opened and
 *       closed). Called by connections and the broker.</li>
 *   <li>{@code CommandGate} — the one gate every command passes first: finds the {@code Authorizer.Action}s and
 *       destinations of a command (creating a destination on first use and a subscription are actions of their own;
 *       it reads the registry and the subscriptions to know) and asks the broker's
 *       {@link dev.gannet.broker.Authorizer} (given to {@code Broker.start}; allow-all by default) about each,
 *       refusing with a {@code JMSSecurityException} that names the {@link dev.gannet.broker.ConnectionIdentity}, the
 *       action and the destination. Called by connections, once per command, before anything of it is done.
 *       Security plugs in here with an authorizer of its own.</li>
 *   <li>{@code BrokerEvents} — hands {@link dev.gannet.broker.BrokerEvent}s (destinations, subscriptions,
 *       connections and consumers created and removed, XA branches committed and rolled back) to the
 *       {@link dev.gannet.broker.BrokerListener}s added on the broker, outside every broker lock; a listener that
 *       throws is logged, throttled, and ignored. Called by the registry, subscriptions, connections, sessions and the
 *       resource manager, after the change.</li>
 *   <li>{@code QueueCounters} and {@code DestinationCounters} — each {@code MessageQueue} counts what flows through
 *       it (enqueued, delivered, acknowledged, expired, dead-lettered) where it happens, with adders or plain fields
 *       under the queue's lock, never a lock or lookup of their own; {@code DestinationCounters} reads them with
 *       depth, bytes, consumers and the duplicates dropped into {@link dev.gannet.api.DestinationStatistics}
 *       snapshots: per queue, per subscription, per topic as the sum of its subscriptions. Called by the broker for
 *       management.</li>
 *   <li>{@link dev.gannet.broker.Administration} — the one way in for management: reads figures, lists
 *       destinations, subscriptions ({@link dev.gannet.broker.QueueAddress}) and connections
 *       ({@link dev.gannet.broker.ConnectionSummary}), and hands each operation (browse, remove, move, retry, pause,
 *       create and delete a queue, close a connection) to the part that owns it. A check of who may manage the broker
 *       belongs here. Called by {@code dev.gannet.management}.</li>
 *   <li>{@code Recovery} — rebuilds queues, subscriptions, backlogs, duplicate IDs and prepared XA branches (their
 *       sends invisible, what they consumed locked) from the store at start. Called by the broker, once.</li>
 *   <li>{@code ServerConnection}, {@code ServerSession}, {@code ServerConsumer} — a client's connection, sessions
 *       and consumers; {@code ServerConnection.handle} and {@code post} are where transports hand over commands.
 *       They receive the parts they use as one {@code ConnectionParts}; a connection's
 *       {@code ConnectionIdentity} is who the gate and the events name.</li>
 *   <li>{@link dev.gannet.broker.Authenticator} — logs a connection in on its {@code Open} (user name, password and
 *       the connection's {@code Peer}), asynchronously; until then the connection carries out no other command, and
 *       afterwards its {@code ConnectionIdentity} names the user. The broker gets it, with the authorizer and whether
 *       it stamps {@code JMSXUserID} on sent messages, as one {@link dev.gannet.broker.BrokerSecurity} built on its
 *       {@link dev.gannet.broker.BrokerTimer} ({@code dev.gannet.security} builds it from the configuration);
 *       {@link dev.gannet.broker.Roles} is how an authorizer learns a connection's roles.</li>
 * </ul>
 * Stored names ({@code queue:NAME}, {@code durable:LENGTH/CLIENTID:NAME}, a destination's {@code queue://NAME} for
 * duplicate IDs) are made and read back only by the key records and {@code DuplicateDetection}, at the store
 * boundary.
 */
package dev.gannet.broker;
