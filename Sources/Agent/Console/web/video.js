// Live video: the agent's binary messages (a 24-byte header, then one Annex B
// access unit; docs/console.md "Video framing") decoded by WebCodecs onto a canvas.
export function parseHeader(buffer) {
  const view = new DataView(buffer);
  if (buffer.byteLength < 24 || view.getUint8(0) !== 1) return null;
  const length = view.getUint16(2);
  if (length < 24 || length > buffer.byteLength) return null;
  const flags = view.getUint8(1);
  return {
    keyframe: (flags & 1) !== 0, captureTime: (flags & 2) !== 0, catchUp: (flags & 4) !== 0,
    sequence: view.getUint32(4), timeMicros: Number(view.getBigInt64(8)), arrivalMicros: Number(view.getBigInt64(16)),
    payload: new Uint8Array(buffer, length),
  };
}

// The codec string (avc1.PPCCLL) from the first SPS in an Annex B unit, or null.
export function codecFromSPS(bytes) {
  for (let i = 0; i + 6 < bytes.length; i++) {
    if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 1 && (bytes[i + 3] & 0x1f) === 7) {
      const hex = (n) => n.toString(16).padStart(2, "0");
      return `avc1.${hex(bytes[i + 4])}${hex(bytes[i + 5])}${hex(bytes[i + 6])}`;
    }
  }
  return null;
}

export class VideoView {
  constructor(canvas, onStats) {
    this.canvas = canvas;
    this.onStats = onStats;
    this.decoder = null;
    this.codec = null;
    this.waitingForKeyframe = true;
    this.lastSequence = null;
    this.stats = { received: 0, decoded: 0, dropped: 0, errors: 0, latencyMs: null, fps: 0 };
    this.pending = new Map();
    this.shown = [];
    window.consoleVideoStats = this.stats;
    this.supported = typeof VideoDecoder === "function";
  }

  receive(buffer) {
    const frame = parseHeader(buffer);
    if (!frame || !this.supported) return;
    this.stats.received++;
    if (this.lastSequence !== null && frame.sequence > this.lastSequence + 1) {
      this.stats.dropped += frame.sequence - this.lastSequence - 1;
    }
    this.lastSequence = frame.sequence;
    if (frame.keyframe) {
      const codec = codecFromSPS(frame.payload);
      if (codec && (codec !== this.codec || !this.decoder || this.decoder.state === "closed")) this.configure(codec);
      this.waitingForKeyframe = false;
    }
    if (this.waitingForKeyframe || !this.decoder || this.decoder.state !== "configured") return;
    this.pending.set(frame.sequence, frame);
    try {
      this.decoder.decode(new EncodedVideoChunk({
        type: frame.keyframe ? "key" : "delta", timestamp: frame.sequence, data: frame.payload,
      }));
    } catch (error) {
      this.fail(error);
    }
  }

  configure(codec) {
    if (this.decoder && this.decoder.state !== "closed") this.decoder.close();
    this.codec = codec;
    this.decoder = new VideoDecoder({ output: (picture) => this.show(picture), error: (error) => this.fail(error) });
    this.decoder.configure({ codec, optimizeForLatency: true });
  }

  fail(error) {
    this.stats.errors++;
    console.warn("video decoder:", error.message ?? error);
    this.waitingForKeyframe = true;
    this.decoder = null;
  }

  show(picture) {
    const frame = this.pending.get(picture.timestamp);
    this.pending.delete(picture.timestamp);
    if (this.pending.size > 120) this.pending.clear();
    if (this.canvas.width !== picture.displayWidth) {
      this.canvas.width = picture.displayWidth;
      this.canvas.height = picture.displayHeight;
    }
    this.canvas.getContext("2d").drawImage(picture, 0, 0);
    picture.close();
    this.stats.decoded++;
    const now = performance.now();
    this.shown.push(now);
    while (this.shown.length && this.shown[0] < now - 1000) this.shown.shift();
    this.stats.fps = this.shown.length;
    if (frame && !frame.catchUp) this.stats.latencyMs = Math.max(0, Date.now() - frame.timeMicros / 1000);
    this.onStats(this.stats);
  }

  reset() {
    this.waitingForKeyframe = true;
    this.lastSequence = null;
    this.pending.clear();
  }
}
