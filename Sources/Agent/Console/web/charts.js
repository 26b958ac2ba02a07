// Rolling line charts of telemetry, drawn on small canvases; the last `capacity` samples are kept.
export class RollingChart {
  constructor(parent, label, colour, capacity = 120) {
    this.label = label;
    this.colour = colour;
    this.capacity = capacity;
    this.values = [];
    this.canvas = document.createElement("canvas");
    this.canvas.width = 200;
    this.canvas.height = 80;
    parent.append(this.canvas);
  }

  push(value) {
    if (typeof value !== "number" || !Number.isFinite(value)) return;
    this.values.push(value);
    if (this.values.length > this.capacity) this.values.shift();
    this.draw();
  }

  draw() {
    const g = this.canvas.getContext("2d");
    const { width, height } = this.canvas;
    g.clearRect(0, 0, width, height);
    g.fillStyle = "#8a96a3";
    g.font = "11px sans-serif";
    const last = this.values.at(-1);
    g.fillText(`${this.label}: ${last === undefined ? "-" : Math.round(last * 10) / 10}`, 4, 12);
    if (this.values.length < 2) return;
    let low = Math.min(...this.values), high = Math.max(...this.values);
    if (high - low < 1) { high += 0.5; low -= 0.5; }
    g.strokeStyle = this.colour;
    g.lineWidth = 1.5;
    g.beginPath();
    this.values.forEach((value, index) => {
      const x = (index / (this.capacity - 1)) * width;
      const y = height - 4 - ((value - low) / (high - low)) * (height - 20);
      if (index === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  }
}
