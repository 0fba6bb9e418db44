/**
 * Message selectors (Jakarta Messaging 3.1, section 3.8): {@link dev.gannet.selector.Selector} parses a selector
 * once, with a hand-written lexer and recursive-descent parser, into an immutable expression tree, and evaluates
 * it over the small {@link dev.gannet.selector.Filterable} view of a message. Nothing here holds mutable state;
 * a cache of parsed selectors, if any, belongs to a broker instance.
 */
package dev.gannet.selector;
