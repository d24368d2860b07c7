package dev.shirase.channel;

/** The plain text of a message body (String, Notice or Ticket), for the outbox's log and admin view. */
public class MessageText {

    public String of(Object body) {
        return body instanceof Ticket ticket ? ticket.asText() : Notice.textOf(body);
    }
}
