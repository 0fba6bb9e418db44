package dev.gannet.cli;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Table} lines columns up for people. */
class TableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellNumbersRightAligned() {
        String table = new Table(List.of("NAME", "DEPTH", "PAUSED"))
                .row(Arrays.asList("orders", 12345L, false))
                .row(Arrays.asList("a", 7, null))
                .render();
        assertEquals(List.of(
                "NAME    DEPTH  PAUSED",
                "orders  12345  false",
                "a           7  -"), table.lines().toList());
    }

    @Test
    void longCellsAreCutAndLineBreaksFlattened() {
        String table = new Table(List.of("BODY")).row(List.of("x".repeat(100) + "\nmore")).render();
        assertEquals("x".repeat(Table.MAX_CELL - 3) + "...", table.lines().toList().get(1));
        assertEquals("one two", new Table(List.of("B")).row(List.of("one\ntwo")).render().lines().toList().get(1));
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Table(List.of("A", "B")).row(List.of("a")));
    }
}
