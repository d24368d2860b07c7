package dev.shirase.alert;

import com.twilio.http.HttpMethod;
import dev.shirase.channel.Notice;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Conference;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;

/** The TwiML answers, built with the Twilio SDK's builder so the message is escaped. */
final class AlertTwiml {

    /**
     * What to say (rendered from templates/alert-call/) and how: language and voice (a voice that speaks it:
     * Twilio's basic voices cannot speak ja-JP).
     */
    record Speech(String language, String voice, String announcement, String joinPrompt, String goodbye) {

        /** The speech the alert-speech route rendered, in the voice of the settings. */
        static Speech rendered(AlertSettings settings, String announcement, String joinPrompt, String goodbye) {
            return new Speech(settings.sayLanguage(), settings.sayVoice(), Notice.textOf(announcement),
                    Notice.textOf(joinPrompt), Notice.textOf(goodbye));
        }
    }

    private AlertTwiml() {
    }

    /** The message, then "press 1 to join" (so voicemail never enters the room), then goodbye. */
    static String announceAndAsk(Speech voice, String joinUrl) {
        return new VoiceResponse.Builder()
                .say(say(voice, voice.announcement()))
                .gather(new Gather.Builder().inputs(Gather.Input.DTMF).numDigits(1).timeout(10)
                        .action(joinUrl).method(HttpMethod.POST).say(say(voice, voice.joinPrompt())).build())
                .say(say(voice, voice.goodbye()))
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    /** Without a keypress (alert.require-keypress=false, the seed's behaviour): the message, then the room. */
    static String announceAndJoin(Speech voice, Incidents.Incident incident) {
        return new VoiceResponse.Builder()
                .say(say(voice, voice.announcement()))
                .dial(dial(incident))
                .build().toXml();
    }

    static String join(Incidents.Incident incident) {
        return new VoiceResponse.Builder().dial(dial(incident)).build().toXml();
    }

    static String goodbye(Speech voice) {
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

    private static Say say(Speech voice, String text) {
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
