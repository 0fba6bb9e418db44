package dev.gannet.store.jdbc;

import dev.gannet.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The consistency check of a JDBC store: finds references without their message or queue, messages whose
 * reference count differs from the references that hold them (a message no queue holds among them), and values
 * out of range; from version 4 also prepared XA references without their message, queue or branch (or held by their
 * queue as well), and prepared duplicate IDs without their branch or ID row. A branch without rows is sound (a
 * branch that sent nothing persistent and consumed nothing). It only reads. Schema versions 3 and 4 make most of
 * these impossible (their checks and foreign keys); the check is what proves it after a crash, and what an operator
 * runs on a store of unknown history ({@code GannetServer --check-store CONFIG}).
 */
public final class StoreCheck {

    /** The rules a store must keep, one query each in {@code sql.properties}. */
    public enum Problem {
        QUEUE_OUT_OF_RANGE("check.queuesOutOfRange", "queue flags NO_LOCAL and SHARED must be 0 or 1"),
        MESSAGE_OUT_OF_RANGE("check.messagesOutOfRange", "message priority must be 0-9"),
        REFERENCE_OUT_OF_RANGE("check.referencesOutOfRange",
                "reference priority must be 0-9 and its delivery count not negative"),
        REFERENCE_TO_UNKNOWN_QUEUE("check.referencesToUnknownQueues", "reference to a queue that is not stored"),
        REFERENCE_WITHOUT_MESSAGE("check.referencesWithoutMessages", "reference to a message that is not stored"),
        PREPARED_REFERENCE_OUT_OF_RANGE("check.preparedReferencesOutOfRange", "prepared reference KIND must be SEND"
                + " or ACKNOWLEDGE, its priority 0-9 and its delivery count not negative (0 for a send)", 4),
        PREPARED_REFERENCE_TO_UNKNOWN_QUEUE("check.preparedReferencesToUnknownQueues",
                "prepared reference to a queue that is not stored", 4),
        PREPARED_REFERENCE_WITHOUT_MESSAGE("check.preparedReferencesWithoutMessages",
                "prepared reference to a message that is not stored", 4),
        PREPARED_REFERENCE_WITHOUT_BRANCH("check.preparedReferencesWithoutBranches",
                "prepared reference of a branch that is not stored", 4),
        PREPARED_REFERENCE_ALSO_QUEUED("check.preparedReferencesAlsoQueued",
                "prepared reference whose queue holds the message as well", 4),
        PREPARED_DUPLICATE_WITHOUT_BRANCH("check.preparedDuplicatesWithoutBranches",
                "prepared duplicate ID of a branch that is not stored", 4),
        PREPARED_DUPLICATE_WITHOUT_ID("check.preparedDuplicatesWithoutIds",
                "prepared duplicate ID mark without its GANNET_DUPLICATE row", 4),
        REFERENCE_COUNT_MISMATCH("check.referenceCounts",
                "message REFERENCE_COUNT differs from the references (prepared ones too) that hold it");

        private final String query;
        private final String rule;
        private final int since;

        Problem(String query, String rule) {
            this(query, rule, 2);
        }

        Problem(String query, String rule, int since) {
            this.query = query;
            this.rule = rule;
            this.since = since;
        }

        /** Whether a store of schema {@code version} has the tables this rule is about. */
        public boolean appliesTo(int version) {
            return version >= since;
        }

        /** The key of the query finding the rows of a store of schema {@code version} that break the rule. */
        String query(int version) {
            return this == REFERENCE_COUNT_MISMATCH && version < 4 ? query + ".3" : query;
        }

        /** The rule broken, in words. */
        public String rule() {
            return rule;
        }
    }

    /**
     * One row that breaks a rule.
     *
     * @param queueId   the queue of the row (a queue or a reference), else 0
     * @param messageId the message of the row (a message or a reference), else 0
     * @param values    the offending columns, e.g. {@code PRIORITY=12}
     */
    public record Finding(Problem problem, long queueId, long messageId, String values) {
        @Override
        public String toString() {
            String row = switch (problem) {
                case QUEUE_OUT_OF_RANGE -> "queue " + queueId;
                case MESSAGE_OUT_OF_RANGE, REFERENCE_COUNT_MISMATCH -> "message " + messageId;
                case PREPARED_REFERENCE_OUT_OF_RANGE, PREPARED_REFERENCE_TO_UNKNOWN_QUEUE,
                     PREPARED_REFERENCE_WITHOUT_MESSAGE, PREPARED_REFERENCE_WITHOUT_BRANCH,
                     PREPARED_REFERENCE_ALSO_QUEUED ->
                        "prepared reference of queue " + queueId + " to message " + messageId;
                case PREPARED_DUPLICATE_WITHOUT_BRANCH, PREPARED_DUPLICATE_WITHOUT_ID -> "prepared duplicate ID";
                default -> "reference of queue " + queueId + " to message " + messageId;
            };
            return problem + ": " + row + " (" + values + "): " + problem.rule();
        }
    }

    /**
     * What a check found.
     *
     * @param schemaVersion the version of the store checked
     * @param quarantined   rows set aside in GANNET_QUARANTINE so far (0 before version 3)
     */
    public record Report(int schemaVersion, List<Finding> findings, long quarantined) {
        public Report {
            findings = List.copyOf(findings);
        }

        public boolean consistent() {
            return findings.isEmpty();
        }

        /** One line per finding, at most {@code maxLines} of them, then a summary line. */
        public String describe(int maxLines) {
            StringBuilder text = new StringBuilder();
            findings.stream().limit(maxLines).forEach(f -> text.append(f).append(System.lineSeparator()));
            if (findings.size() > maxLines) {
                text.append("... and ").append(findings.size() - maxLines).append(" more")
                        .append(System.lineSeparator());
            }
            text.append(consistent() ? "consistent" : findings.size() + " problem(s)")
                    .append(": schema version ").append(schemaVersion).append(", ").append(quarantined)
                    .append(" row(s) in quarantine");
            return text.toString();
        }
    }

    private StoreCheck() {
    }

    /**
     * Opens the store's database, checks it and releases it again. The database must not be in use by a broker
     * (an embedded Derby database is open in one process at a time).
     *
     * @throws StoreException if the database does not exist, cannot be opened (e.g. a broker has it open) or holds
     *                        no Gannet store of version 2 to {@value JdbcMessageStore#SCHEMA_VERSION}
     */
    public static Report check(JdbcMessageStore.Database database) {
        if (!database.exists()) {
            throw new StoreException("There is no store to check: " + database + " does not exist", null);
        }
        SqlStatements sql = new SqlStatements(database.dialect());
        try (Connection connection = database.open()) {
            connection.setAutoCommit(false);
            if (!JdbcMessageStore.tableExists(connection, "GANNET_VERSION")) {
                throw new StoreException("There is no store to check: " + database + " holds no GANNET_VERSION table",
                        null);
            }
            int version = JdbcMessageStore.schemaVersion(connection, sql);
            if (version < 2 || version > JdbcMessageStore.SCHEMA_VERSION) {
                throw new StoreException("Cannot check a store of schema version " + version + " (" + database
                        + "); version 1 is upgraded when a broker opens it", null);
            }
            List<Finding> findings = new ArrayList<>();
            for (Problem problem : Problem.values()) {
                if (problem.appliesTo(version)) {
                    findings.addAll(find(connection, sql, problem, version));
                }
            }
            long quarantined = version < 3 ? 0 : Quarantine.count(connection, sql);
            connection.rollback();
            return new Report(version, findings, quarantined);
        } catch (SQLException e) {
            throw new StoreException("Cannot check the store " + database + ": " + e.getMessage(), e);
        } finally {
            database.shutdown();
        }
    }

    /** The rows of a store of schema {@code version} that break {@code problem}'s rule (which applies to it). */
    static List<Finding> find(Connection connection, SqlStatements sql, Problem problem, int version)
            throws SQLException {
        List<Finding> findings = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(sql.get(problem.query(version)))) {
            while (rs.next()) {
                findings.add(switch (problem) {
                    case QUEUE_OUT_OF_RANGE -> new Finding(problem, rs.getLong(1), 0,
                            "NO_LOCAL=" + rs.getInt(2) + ", SHARED=" + rs.getInt(3));
                    case MESSAGE_OUT_OF_RANGE -> new Finding(problem, 0, rs.getLong(1), "PRIORITY=" + rs.getInt(2));
                    case REFERENCE_OUT_OF_RANGE -> new Finding(problem, rs.getLong(1), rs.getLong(2),
                            "PRIORITY=" + rs.getInt(3) + ", DELIVERY_COUNT=" + rs.getInt(4));
                    case REFERENCE_TO_UNKNOWN_QUEUE, REFERENCE_WITHOUT_MESSAGE -> new Finding(problem, rs.getLong(1),
                            rs.getLong(2), "QUEUE_ID=" + rs.getLong(1) + ", MESSAGE_ID=" + rs.getLong(2));
                    case REFERENCE_COUNT_MISMATCH -> new Finding(problem, 0, rs.getLong(1),
                            "REFERENCE_COUNT=" + rs.getInt(2) + ", references=" + rs.getLong(3));
                    case PREPARED_REFERENCE_OUT_OF_RANGE -> new Finding(problem, rs.getLong(1), rs.getLong(2),
                            "BRANCH_ID=" + rs.getLong(3) + ", KIND=" + rs.getString(4) + ", PRIORITY="
                                    + rs.getInt(5) + ", DELIVERY_COUNT=" + rs.getInt(6));
                    case PREPARED_REFERENCE_TO_UNKNOWN_QUEUE, PREPARED_REFERENCE_WITHOUT_MESSAGE,
                         PREPARED_REFERENCE_WITHOUT_BRANCH, PREPARED_REFERENCE_ALSO_QUEUED ->
                            new Finding(problem, rs.getLong(1), rs.getLong(2), "QUEUE_ID=" + rs.getLong(1)
                                    + ", MESSAGE_ID=" + rs.getLong(2) + ", BRANCH_ID=" + rs.getLong(3));
                    case PREPARED_DUPLICATE_WITHOUT_BRANCH, PREPARED_DUPLICATE_WITHOUT_ID -> new Finding(problem, 0, 0,
                            "SEQ=" + rs.getLong(1) + ", BRANCH_ID=" + rs.getLong(2));
                });
            }
        }
        return findings;
    }
}
