fn main() {
    mgl_app::start();
}
