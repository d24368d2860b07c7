package dev.shirase.alert;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Conference;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;

/** The TwiML answers, built with the Twilio SDK's builder so the message is escaped. */
final class AlertTwiml {

    /** How to speak: language and voice (a voice that speaks it: Twilio's basic voices cannot speak ja-JP). */
    record Voice(String language, String voice, String prefix, String joinPrompt, String goodbye) {
    }

    private AlertTwiml() {
    }

    /** The message, then "press 1 to join" (so voicemail never enters the room), then goodbye. */
    static String announceAndAsk(Voice voice, Incidents.Incident incident, String joinUrl) {
        return new VoiceResponse.Builder()
                .say(say(voice, voice.prefix() + incident.message()))
                .gather(new Gather.Builder().inputs(Gather.Input.DTMF).numDigits(1).timeout(10)
                        .action(joinUrl).method(HttpMethod.POST).say(say(voice, voice.joinPrompt())).build())
                .say(say(voice, voice.goodbye()))
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    /** Without a keypress (alert.require-keypress=false, the seed's behaviour): the message, then the room. */
    static String announceAndJoin(Voice voice, Incidents.Incident incident) {
        return new VoiceResponse.Builder()
                .say(say(voice, voice.prefix() + incident.message()))
                .dial(dial(incident))
                .build().toXml();
    }

    static String join(Voice voice, Incidents.Incident incident) {
        return new VoiceResponse.Builder().dial(dial(incident)).build().toXml();
    }

    static String goodbye(Voice voice) {
        return new VoiceResponse.Builder().say(say(voice, voice.goodbye())).hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    static String hangup() {
        return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
    }

    private static Dial dial(Incidents.Incident incident) {
        return new Dial.Builder().conference(new Conference.Builder(incident.conference())
                .startConferenceOnEnter(true).endConferenceOnExit(false).beep(Conference.Beep.TRUE).build()).build();
    }

    private static Say say(Voice voice, String text) {
        Say.Builder say = new Say.Builder(text);
        for (Say.Language language : Say.Language.values()) {
            if (language.toString().equals(voice.language())) {
                say.language(language);
            }
        }
        for (Say.Voice v : Say.Voice.values()) {
            if (v.toString().equals(voice.voice())) {
                say.voice(v);
            }
        }
        return say.build();
    }
}
