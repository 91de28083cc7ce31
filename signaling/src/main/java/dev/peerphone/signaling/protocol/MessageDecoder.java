package dev.peerphone.signaling.protocol;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns one text frame into a {@link ClientMessage}, or a {@link ProtocolException} naming the
 * typed error. One streaming pass, no JSON tree: payloads that are only relayed (offer, answer,
 * candidate) are copied as raw JSON text. Stateless and thread-safe.
 */
public final class MessageDecoder {
  private static final Set<String> KNOWN_TYPES =
      Set.of("login", "offer", "answer", "candidate", "leave", "call", "accept", "reject", "chat",
          "users", "find", "next", "stop", "ping");

  /** Decodes a text frame; never returns null. */
  public ClientMessage decode(String text) throws ProtocolException {
    Fields f = new Fields();
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        reader.skipValue();
        requireEnd(reader);
        throw invalid("A message must be a JSON object with a \"type\"");
      }
      reader.beginObject();
      while (reader.hasNext()) {
        readField(reader, reader.nextName(), f);
      }
      reader.endObject();
      requireEnd(reader);
    } catch (MalformedJsonException | EOFException | IllegalStateException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON: " + e.getMessage());
    } catch (NumberFormatException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON number");
    } catch (IOException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON");
    }
    return toMessage(f);
  }

  private static void requireEnd(JsonReader reader) throws IOException, ProtocolException {
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON: trailing data after the value");
    }
  }

  private static void readField(JsonReader reader, String key, Fields f) throws IOException {
    switch (key) {
      case "type" -> f.type = readString(reader, f, key);
      case "name" -> f.name = readString(reader, f, key);
      case "text" -> f.text = readString(reader, f, key);
      case "reason" -> f.reason = readString(reader, f, key);
      case "offer", "answer", "candidate" -> f.payload(key, copyRaw(reader));
      default -> reader.skipValue();
    }
  }

  /** A string field's value, or null after noting a wrong type (null counts as absent). */
  private static String readString(JsonReader reader, Fields f, String key) throws IOException {
    JsonToken token = reader.peek();
    if (token == JsonToken.STRING) {
      return reader.nextString();
    }
    reader.skipValue();
    if (token != JsonToken.NULL) {
      f.wrongTyped.add(key);
    }
    return null;
  }

  private static Raw copyRaw(JsonReader reader) throws IOException {
    JsonToken token = reader.peek();
    StringWriter out = new StringWriter(256);
    JsonWriter writer = new JsonWriter(out);
    writer.setSerializeNulls(true);
    writer.setHtmlSafe(false);
    copyValue(reader, writer);
    writer.flush();
    return new Raw(token, out.toString());
  }

  private static void copyValue(JsonReader reader, JsonWriter writer) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        reader.beginObject();
        writer.beginObject();
        while (reader.hasNext()) {
          writer.name(reader.nextName());
          copyValue(reader, writer);
        }
        reader.endObject();
        writer.endObject();
      }
      case BEGIN_ARRAY -> {
        reader.beginArray();
        writer.beginArray();
        while (reader.hasNext()) {
          copyValue(reader, writer);
        }
        reader.endArray();
        writer.endArray();
      }
      case STRING -> writer.value(reader.nextString());
      case NUMBER -> writer.jsonValue(reader.nextString());
      case BOOLEAN -> writer.value(reader.nextBoolean());
      case NULL -> {
        reader.nextNull();
        writer.nullValue();
      }
      default -> throw new MalformedJsonException("unexpected " + reader.peek());
    }
  }

  private static ClientMessage toMessage(Fields f) throws ProtocolException {
    if (f.type == null) {
      checkType(f, "type");
      throw invalid("Missing string field \"type\"");
    }
    if (!KNOWN_TYPES.contains(f.type)) {
      throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Command not found: " + f.type);
    }
    return switch (f.type) {
      case "login" -> new ClientMessage.Login(required(f, f.name, "name"));
      case "offer" -> new ClientMessage.Offer(target(f), objectPayload(f, f.offer, "offer"));
      case "answer" -> new ClientMessage.Answer(target(f), objectPayload(f, f.answer, "answer"));
      case "candidate" -> new ClientMessage.Candidate(target(f), candidatePayload(f));
      case "leave" -> new ClientMessage.Leave(target(f));
      case "call" -> new ClientMessage.Call(target(f));
      case "accept" -> new ClientMessage.Accept(target(f));
      case "reject" -> new ClientMessage.Reject(target(f), rejectReason(f));
      case "chat" -> new ClientMessage.Chat(target(f), required(f, f.text, "text"));
      case "users" -> new ClientMessage.Users();
      case "find" -> new ClientMessage.Find();
      case "next" -> new ClientMessage.Next();
      case "stop" -> new ClientMessage.Stop();
      case "ping" -> new ClientMessage.Ping();
      default -> throw new IllegalStateException("type list and switch disagree: " + f.type);
    };
  }

  private static String target(Fields f) throws ProtocolException {
    return required(f, f.name, "name");
  }

  private static String required(Fields f, String value, String field) throws ProtocolException {
    checkType(f, field);
    if (value == null) {
      throw invalid("Missing string field \"" + field + "\"");
    }
    return value;
  }

  private static String objectPayload(Fields f, Raw raw, String field) throws ProtocolException {
    if (raw == null || raw.token != JsonToken.BEGIN_OBJECT) {
      throw invalid("Field \"" + field + "\" must be an object {type, sdp}");
    }
    return raw.json;
  }

  private static String candidatePayload(Fields f) throws ProtocolException {
    Raw raw = f.candidate;
    if (raw == null || (raw.token != JsonToken.BEGIN_OBJECT && raw.token != JsonToken.NULL)) {
      throw invalid("Field \"candidate\" must be an object {candidate, sdpMid, sdpMLineIndex} or null");
    }
    return raw.json;
  }

  private static void checkType(Fields f, String field) throws ProtocolException {
    if (f.wrongTyped.contains(field)) {
      throw invalid("Field \"" + field + "\" must be a string");
    }
  }

  private static String rejectReason(Fields f) throws ProtocolException {
    checkType(f, "reason");
    String reason = f.reason;
    if (reason == null) {
      return "declined";
    }
    if (!reason.equals("busy") && !reason.equals("declined")) {
      throw invalid("Field \"reason\" must be \"busy\" or \"declined\"");
    }
    return reason;
  }

  private static ProtocolException invalid(String message) {
    return new ProtocolException(ErrorCode.INVALID_MESSAGE, message);
  }

  private record Raw(JsonToken token, String json) {}

  /** The fields of one message as read, before the type decides which are required. */
  private static final class Fields {
    String type;
    String name;
    String text;
    String reason;
    Raw offer;
    Raw answer;
    Raw candidate;
    final Set<String> wrongTyped = new HashSet<>(2);

    void payload(String key, Raw raw) {
      switch (key) {
        case "offer" -> offer = raw;
        case "answer" -> answer = raw;
        default -> candidate = raw;
      }
    }
  }
}
